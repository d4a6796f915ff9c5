import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  NativeSelect,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { type FormEvent, memo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Session } from "../../../../shared/exchange.ts";
import {
  KB_METHODS,
  KB_PHASES,
  type KbContribution,
  type KbView,
} from "../../../../shared/exchangeLive/kollegialeBeratung.ts";
import { LiveTimer } from "../live/LiveTimer.tsx";
import { countRender } from "../live/renderProbe.ts";
import { PhaseSteps, type RoomProps, SendTextForm } from "./common.tsx";

type Send = RoomProps<KbView>["send"];

/**
 * Kollegiale Beratung (domain.md §4.5): roles, six phases with a timer each, the method for the
 * consultation, in which the case owner only listens. Only the session's participants reach this
 * room (the server answers 404 to everyone else); nothing leaves it but the case owner's publish.
 */
export function KbRoom({ view, send, me, nameOf, session }: RoomProps<KbView> & { session: Session }) {
  const { t } = useTranslation("exchange");
  countRender("board");
  const moderating = view.myRole === "moderator";
  const owner = view.myRole === "caseOwner";
  const closed = view.phase === "closed";
  const mayAsk = view.phase === "report" && !owner;
  const mayAdvise = view.phase === "consultation" && !owner;
  return (
    <Stack gap="md">
      <PhaseSteps
        phases={KB_PHASES}
        current={view.phase}
        label={t("exchange:kb.phases")}
        textOf={(phase) => t(`exchange:kb.phase.${phase}`)}
      />
      <Roles view={view} nameOf={nameOf} />
      {view.listening && (
        <Alert color="blue" variant="light" title={t("exchange:kb.listeningTitle")}>
          {t("exchange:kb.listeningBody")}
        </Alert>
      )}
      {!closed && (
        <Text size="sm" className="exchange-text">
          {t(`exchange:kb.help.${view.phase}`)}
        </Text>
      )}
      {view.caseTitle && (
        <Text>
          <strong>{t("exchange:kb.case")}:</strong> {view.caseTitle}
        </Text>
      )}
      {view.keyQuestion && (
        <Text className="exchange-text">
          <strong>{t("exchange:kb.keyQuestion")}:</strong> {view.keyQuestion}
        </Text>
      )}
      {view.method && (
        <Text>
          <strong>{t("exchange:kb.method")}:</strong> {t(`exchange:kb.methods.${view.method}`)}
        </Text>
      )}
      {!closed && (
        <LiveTimer
          timer={view.timer}
          label={t("exchange:kb.timerLabel", { phase: t(`exchange:kb.phase.${view.phase}`) })}
          canSteer={moderating}
          onStart={() => send({ type: "startTimer" })}
          onStop={() => send({ type: "stopTimer" })}
        />
      )}
      {view.phase === "casting" && (moderating || !view.roles.moderatorId) && (
        <CastRoles view={view} session={session} send={send} me={me} nameOf={nameOf} />
      )}
      {owner && (view.phase === "casting" || view.phase === "report") && (
        <SendTextForm
          label={t("exchange:kb.describeCase")}
          submit={t("exchange:kb.saveCase")}
          initial={view.caseTitle}
          max={200}
          onSend={(text) => send({ type: "describeCase", title: text })}
        />
      )}
      {view.phase === "keyQuestion" && (owner || moderating) && (
        <SendTextForm
          label={t("exchange:kb.frameQuestion")}
          submit={t("exchange:kb.saveQuestion")}
          initial={view.keyQuestion}
          max={4000}
          multiline
          onSend={(text) => send({ type: "frameQuestion", text })}
        />
      )}
      {view.phase === "method" && moderating && <ChooseMethod current={view.method} send={send} />}
      {(mayAsk || mayAdvise) && (
        <SendTextForm
          label={mayAsk ? t("exchange:kb.ask") : t("exchange:kb.advise")}
          submit={t("exchange:kb.post")}
          max={4000}
          multiline
          clear
          onSend={(text) => send({ type: "contribute", text })}
        />
      )}
      {view.myRole === "noteTaker" && !closed && (
        <SendTextForm
          label={t("exchange:kb.note")}
          submit={t("exchange:kb.post")}
          max={4000}
          multiline
          clear
          onSend={(text) => send({ type: "note", text })}
        />
      )}
      {view.phase === "closing" && owner && (
        <SendTextForm
          label={t("exchange:kb.takeForward")}
          submit={t("exchange:kb.saveTakeForward")}
          initial={view.takeaway}
          max={4000}
          multiline
          onSend={(text) => send({ type: "takeForward", text })}
        />
      )}
      {view.takeaway && (
        <Text className="exchange-text">
          <strong>{t("exchange:kb.takesForward")}:</strong> {view.takeaway}
        </Text>
      )}
      {moderating && !closed && (
        <Button w="fit-content" onClick={() => send({ type: "nextPhase" })}>
          {view.phase === "closing" ? t("exchange:kb.finish") : t("exchange:kb.next")}
        </Button>
      )}
      <Contributions items={view.contributions} nameOf={nameOf} />
    </Stack>
  );
}

const Roles = memo(function Roles({ view, nameOf }: { view: KbView; nameOf: (id: string) => string }) {
  const { t } = useTranslation("exchange");
  const { roles } = view;
  const row = (label: string, ids: string[]) => (
    <Text size="sm">
      <strong>{label}:</strong> {ids.length ? ids.map(nameOf).join(", ") : "—"}
    </Text>
  );
  return (
    <Card withBorder padding="sm" component="section" aria-label={t("exchange:kb.roles")}>
      <Stack gap={2}>
        <Group gap="xs">
          <Text size="sm">{t("exchange:kb.yourRole")}</Text>
          <Badge variant="light">{t(`exchange:kb.role.${view.myRole}`)}</Badge>
        </Group>
        {row(t("exchange:kb.role.caseOwner"), roles.caseOwnerId ? [roles.caseOwnerId] : [])}
        {row(t("exchange:kb.role.moderator"), roles.moderatorId ? [roles.moderatorId] : [])}
        {row(t("exchange:kb.role.noteTaker"), roles.noteTakerId ? [roles.noteTakerId] : [])}
        {row(t("exchange:kb.role.consultant"), roles.consultantIds)}
      </Stack>
    </Card>
  );
});

function CastRoles({
  view,
  session,
  send,
  me,
  nameOf,
}: {
  view: KbView;
  session: Session;
  send: Send;
  me: string;
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation("exchange");
  const everyone = session.participants.map((p) => ({ value: p.id, label: p.name }));
  const [caseOwnerId, setCaseOwnerId] = useState<string | null>(
    view.roles.caseOwnerId ?? session.caseOwner?.id ?? null,
  );
  const [moderatorId, setModeratorId] = useState<string | null>(view.roles.moderatorId ?? me);
  const [noteTakerId, setNoteTakerId] = useState<string | null>(view.roles.noteTakerId);
  const [consultantIds, setConsultantIds] = useState<string[]>(view.roles.consultantIds);
  const taken = new Set([caseOwnerId, moderatorId].filter(Boolean));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!caseOwnerId || !moderatorId) return;
    send({
      type: "assignRoles",
      caseOwnerId,
      moderatorId,
      noteTakerId,
      consultantIds: consultantIds.filter((id) => !taken.has(id)),
    });
  };
  return (
    <Card withBorder padding="sm" component="form" onSubmit={submit} aria-label={t("exchange:kb.castRoles")}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t("exchange:kb.castRoles")}
        </Title>
        <Group grow align="flex-start" wrap="wrap">
          <Select
            miw={180}
            label={t("exchange:kb.role.caseOwner")}
            data={everyone}
            value={caseOwnerId}
            onChange={setCaseOwnerId}
          />
          <Select
            miw={180}
            label={t("exchange:kb.role.moderator")}
            data={everyone}
            value={moderatorId}
            onChange={setModeratorId}
          />
          <Select
            miw={180}
            clearable
            label={t("exchange:kb.role.noteTaker")}
            data={everyone}
            value={noteTakerId}
            onChange={setNoteTakerId}
          />
        </Group>
        <MultiSelect
          label={t("exchange:kb.consultants")}
          data={everyone.filter((p) => !taken.has(p.value)).map((p) => ({ ...p, label: nameOf(p.value) }))}
          value={consultantIds.filter((id) => !taken.has(id))}
          onChange={setConsultantIds}
        />
        <Button type="submit" w="fit-content" variant="light" disabled={!caseOwnerId || !moderatorId}>
          {t("exchange:kb.saveRoles")}
        </Button>
      </Stack>
    </Card>
  );
}

function ChooseMethod({ current, send }: { current: KbView["method"]; send: Send }) {
  const { t } = useTranslation("exchange");
  const [method, setMethod] = useState<string>(current ?? KB_METHODS[0]);
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <NativeSelect
        miw={220}
        label={t("exchange:kb.chooseMethod")}
        value={method}
        onChange={(event) => setMethod(event.currentTarget.value)}
        data={KB_METHODS.map((m) => ({ value: m, label: t(`exchange:kb.methods.${m}`) }))}
      />
      <Button variant="light" onClick={() => send({ type: "chooseMethod", method })}>
        {t("exchange:kb.saveMethod")}
      </Button>
    </Group>
  );
}

const Contributions = memo(function Contributions({
  items,
  nameOf,
}: {
  items: KbContribution[];
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation("exchange");
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="kb-contributions">
      <Title order={3} size="h4" id="kb-contributions">
        {t("exchange:kb.contributions")}
      </Title>
      <Stack component="ul" gap={6} className="exchange-plain-list">
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: contributions only ever append.
          <li key={i} className="exchange-card-note">
            <Text size="xs" c="dimmed">
              {t(`exchange:kb.kind.${item.kind}`)} · {t(`exchange:kb.phase.${item.phase}`)} ·{" "}
              {nameOf(item.authorId)}
            </Text>
            <Text size="sm" className="exchange-text">
              {item.text}
            </Text>
          </li>
        ))}
      </Stack>
    </Stack>
  );
});
