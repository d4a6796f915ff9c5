import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, memo, useState } from "react";
import { useTranslation } from "react-i18next";
import { TROIKA_STEPS, type TroikaStep, type TroikaView } from "../../../../shared/exchangeLive/troika.ts";
import { formatNumber } from "../../../ui/format.ts";
import { WholeNumberField } from "../../../ui/NumberField.tsx";
import { LiveTimer } from "../live/LiveTimer.tsx";
import { countRender } from "../live/renderProbe.ts";
import { FacilitatorLine, PhaseSteps, type RoomProps } from "./common.tsx";

const PHASES = ["forming", "preparing", "consulting", "closed"] as const;
type Minutes = TroikaView["minutes"];

/**
 * Troika Consulting (Liberating Structures): trios formed from those present, each member the client
 * once (three rotations); per step a timer. During "discuss" the client turns away and only listens.
 */
export function TroikaRoom({
  view,
  send,
  me,
  nameOf,
  onFacilitate,
  presence,
}: RoomProps<TroikaView> & { presence: string[] }) {
  const { t } = useTranslation("exchange");
  countRender("board");
  const facilitating = view.facilitatorId === me;
  const closed = view.phase === "closed";
  const mine = view.groups.find((group) => group.id === view.me.groupId);
  return (
    <Stack gap="md">
      <PhaseSteps
        phases={PHASES}
        current={view.phase}
        label={t("exchange:troika.phases")}
        textOf={(phase) => t(`exchange:troika.phase.${phase}`)}
      />
      <FacilitatorLine
        facilitatorId={view.facilitatorId}
        me={me}
        nameOf={nameOf}
        onFacilitate={onFacilitate}
        closed={closed}
      />
      {!closed && <Text size="sm">{t(`exchange:troika.help.${view.phase}`)}</Text>}
      {view.phase === "consulting" && view.step && (
        <Stack gap={4}>
          <Text fw={500}>
            {t("exchange:troika.round", {
              round: formatNumber(view.round + 1),
              rounds: formatNumber(view.rounds),
            })}
          </Text>
          <PhaseSteps
            phases={TROIKA_STEPS}
            current={view.step}
            label={t("exchange:troika.steps")}
            textOf={(step) => t(`exchange:troika.step.${step}`)}
          />
          <Text size="sm">{t(`exchange:troika.stepHelp.${view.step as TroikaStep}`)}</Text>
        </Stack>
      )}
      {mine && (
        <Card
          withBorder
          padding="sm"
          className="exchange-current"
          component="section"
          aria-labelledby="troika-mine"
        >
          <Stack gap={4}>
            <Title order={3} size="h4" id="troika-mine">
              {t("exchange:troika.yourGroup", { names: mine.memberIds.map(nameOf).join(", ") })}
            </Title>
            <Group gap="xs">
              <Text size="sm">{t("exchange:troika.yourRole")}</Text>
              <Badge variant="light">{t(`exchange:troika.role.${view.me.role}`)}</Badge>
            </Group>
            {mine.clientId && (
              <Text size="sm">{t("exchange:troika.clientIs", { name: nameOf(mine.clientId) })}</Text>
            )}
          </Stack>
        </Card>
      )}
      {view.me.turnedAway && (
        <Alert color="blue" variant="light" title={t("exchange:troika.turnAwayTitle")}>
          {t("exchange:troika.turnAwayBody")}
        </Alert>
      )}
      {(view.phase === "preparing" || view.phase === "consulting") && (
        <LiveTimer
          timer={view.timer}
          label={t("exchange:troika.timerLabel")}
          canSteer={facilitating}
          onStart={() => send({ type: "startTimer" })}
          onStop={() => send({ type: "stopTimer" })}
        />
      )}
      {facilitating && !closed && (
        <Card withBorder padding="sm" component="section" aria-label={t("exchange:lean.steering")}>
          <Stack gap="xs">
            {view.phase === "forming" && <ConfigureMinutes minutes={view.minutes} send={send} />}
            <Group gap="xs" wrap="wrap">
              <Button
                variant={view.phase === "forming" ? "filled" : "default"}
                onClick={() => send({ type: "formTrios" })}
              >
                {view.formation > 0
                  ? t("exchange:troika.reform")
                  : t("exchange:troika.form", {
                      count: presence.length,
                      countText: formatNumber(presence.length),
                    })}
              </Button>
              {view.groups.length > 0 && (
                <Button onClick={() => send({ type: "next" })}>{t("exchange:troika.next")}</Button>
              )}
              <Button variant="default" onClick={() => send({ type: "close" })}>
                {t("exchange:troika.close")}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {view.groups.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="troika-groups">
          <Title order={3} size="h4" id="troika-groups">
            {t("exchange:troika.groups")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" className="exchange-plain-list">
            {view.groups.map((group, i) => (
              <GroupCard key={group.id} index={i} group={group} nameOf={nameOf} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}

const GroupCard = memo(function GroupCard({
  index,
  group,
  nameOf,
}: {
  index: number;
  group: TroikaView["groups"][number];
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation("exchange");
  countRender(`group:${group.id}`);
  return (
    <Card component="li" withBorder padding="xs">
      <Text size="sm" fw={600}>
        {t("exchange:troika.groupN", { n: formatNumber(index + 1) })}
      </Text>
      <Text size="sm">
        {group.memberIds
          .map((id) =>
            id === group.clientId ? `${nameOf(id)} (${t("exchange:troika.role.client")})` : nameOf(id),
          )
          .join(", ")}
      </Text>
    </Card>
  );
});

function ConfigureMinutes({ minutes, send }: { minutes: Minutes; send: RoomProps<TroikaView>["send"] }) {
  const { t } = useTranslation("exchange");
  const [draft, setDraft] = useState<Minutes>(minutes);
  const keys = ["prepare", ...TROIKA_STEPS] as const;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send({ type: "configure", minutes: draft });
  };
  return (
    <form onSubmit={submit} aria-label={t("exchange:troika.minutes")}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        {keys.map((key) => (
          <WholeNumberField
            key={key}
            w={110}
            size="xs"
            required
            min={1}
            max={30}
            label={t("exchange:troika.minutesFor", {
              step:
                key === "prepare" ? t("exchange:troika.phase.preparing") : t(`exchange:troika.step.${key}`),
            })}
            value={draft[key]}
            onChange={(value) => setDraft((current) => ({ ...current, [key]: value ?? 1 }))}
          />
        ))}
        <Button size="xs" type="submit" variant="light">
          {t("exchange:lean.saveSettings")}
        </Button>
      </Group>
    </form>
  );
}
