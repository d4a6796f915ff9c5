import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import type { SessionPage as SessionPageData } from "../../../shared/exchange.ts";
import type { KbView } from "../../../shared/exchangeLive/kollegialeBeratung.ts";
import type { LeanCoffeeView } from "../../../shared/exchangeLive/leanCoffee.ts";
import type { OpenSpaceView } from "../../../shared/exchangeLive/openSpace.ts";
import type { RetroView } from "../../../shared/exchangeLive/retrospective.ts";
import type { TroikaView } from "../../../shared/exchangeLive/troika.ts";
import { api } from "../../api.ts";
import { formatDateTime } from "../../ui/format.ts";
import { notifyError, notifySuccess } from "../../ui/notify.tsx";
import { useSession } from "../../ui/session.tsx";
import { usePeople } from "../org/queries.ts";
import { CarriedActions, HarvestSection } from "./Harvest.tsx";
import { ConnectionBadge, Presence } from "./live/Presence.tsx";
import { useLiveRoom } from "./live/useLiveRoom.ts";
import { exchangeKeys, usePersonOptions, useSessionPage } from "./queries.ts";
import { KbRoom } from "./rooms/KbRoom.tsx";
import { LeanCoffeeRoom } from "./rooms/LeanCoffeeRoom.tsx";
import { OpenSpaceRoom } from "./rooms/OpenSpaceRoom.tsx";
import { RetroRoom } from "./rooms/RetroRoom.tsx";
import { TroikaRoom } from "./rooms/TroikaRoom.tsx";

/** `/exchange/sessions/:sessionId`: the session's record and, while it runs, its live room. */
export function SessionPage() {
  const { sessionId = "" } = useParams();
  return <SessionPageFor key={sessionId} sessionId={sessionId} />;
}

function SessionPageFor({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation("exchange");
  const page = useSessionPage(sessionId);
  return (
    <Stack maw={1200}>
      {page.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {page.isError && (
        <>
          <Title order={1}>{t("exchange:session.notFound")}</Title>
          <Alert color="red">{page.error.message}</Alert>
          <Anchor component={RouterLink} to="/exchange">
            {t("exchange:form.back")}
          </Anchor>
        </>
      )}
      {page.data && <SessionBody data={page.data} />}
    </Stack>
  );
}

/** Names for the person ids in views: the session's participants, else everyone in the organisation. */
function useNames(data: SessionPageData): (id: string) => string {
  const { t } = useTranslation("exchange");
  const me = useSession().person;
  const people = usePeople({}, 500);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const page of people.data?.pages ?? [])
      for (const person of page.items) map.set(person.id, person.name);
    for (const person of data.session.participants) map.set(person.id, person.name);
    if (data.session.facilitator) map.set(data.session.facilitator.id, data.session.facilitator.name);
    map.set(me.id, me.name);
    return map;
  }, [people.data, data.session, me]);
  return useCallback((id: string) => names.get(id) ?? t("exchange:session.someone"), [names, t]);
}

function SessionBody({ data }: { data: SessionPageData }) {
  const { t } = useTranslation("exchange");
  const { session } = data;
  const me = useSession().person;
  const nameOf = useNames(data);
  const queryClient = useQueryClient();
  const [harvestText, setHarvestText] = useState<{ text: string; n: number } | null>(null);
  const onHarvest = useCallback((text: string) => {
    setHarvestText((previous) => ({ text, n: (previous?.n ?? 0) + 1 }));
    document.getElementById("exchange-harvest")?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, []);
  const setFacilitator = useMutation({
    mutationFn: (personId: string) =>
      api.put<SessionPageData>(`/exchange/sessions/${session.id}/facilitator`, {
        personId,
        version: session.version,
      }),
    onSuccess: (page) => queryClient.setQueryData(exchangeKeys.session(session.id), page),
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: exchangeKeys.session(session.id) })),
  });
  const end = useMutation({
    mutationFn: () =>
      api.post<SessionPageData>(`/exchange/sessions/${session.id}/end`, { version: session.version }),
    onSuccess: (page) => {
      queryClient.setQueryData(exchangeKeys.session(session.id), page);
      void queryClient.invalidateQueries({ queryKey: exchangeKeys.sessions(session.formatId) });
      notifySuccess(t("exchange:session.endedNotice"));
    },
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: exchangeKeys.session(session.id) })),
  });
  const facilitatorOptions = usePersonOptions(data);
  const { mutate: changeFacilitator } = setFacilitator;
  const takeOver = useCallback(() => changeFacilitator(me.id), [changeFacilitator, me.id]);
  return (
    <>
      <Stack gap={4}>
        <Anchor component={RouterLink} to={`/exchange/formats/${session.formatId}`}>
          {t("exchange:session.backToFormat", { name: session.formatName })}
        </Anchor>
        <Title order={1}>
          {session.formatName}:{" "}
          {t("exchange:sessions.startedAt", { date: formatDateTime(session.startedAt) })}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color="grape">
            {t(`exchange:type.${session.kind}`)}
          </Badge>
          {session.endedAt ? (
            <Badge variant="light" color="gray">
              {t("exchange:session.endedAt", { date: formatDateTime(session.endedAt) })}
            </Badge>
          ) : (
            <Badge variant="light" color="green">
              {t("exchange:sessions.live")}
            </Badge>
          )}
          {session.anonymous && (
            <Badge variant="outline" color="blue.9">
              {t("exchange:session.anonymous")}
            </Badge>
          )}
          {session.confidential && (
            <Badge variant="outline" color="red.9">
              {t("exchange:session.confidential")}
            </Badge>
          )}
        </Group>
        {session.caseOwner && (
          <Text size="sm">{t("exchange:session.caseOwner", { name: session.caseOwner.name })}</Text>
        )}
      </Stack>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Text size="sm">
          {session.facilitator
            ? t("exchange:session.facilitator", { name: session.facilitator.name })
            : t("exchange:live.noFacilitator")}
        </Text>
        {!session.endedAt && (
          <Select
            size="xs"
            w={220}
            label={t("exchange:session.changeFacilitator")}
            data={facilitatorOptions}
            value={session.facilitator?.id ?? null}
            searchable
            onChange={(value) => value && value !== session.facilitator?.id && changeFacilitator(value)}
          />
        )}
      </Group>
      {data.carriedActions.length > 0 && (
        <CarriedActions items={data.carriedActions} sessionId={session.id} nameOf={nameOf} />
      )}
      <LiveRoom data={data} nameOf={nameOf} onHarvest={onHarvest} onFacilitate={takeOver} />
      <Contributions data={data} />
      <HarvestSection data={data} nameOf={nameOf} prefill={harvestText} />
      {!session.endedAt && (
        <Card withBorder padding="sm">
          <Group gap="sm" wrap="wrap">
            <Text size="sm">{t("exchange:session.endHelp")}</Text>
            <Button color="gray" loading={end.isPending} onClick={() => end.mutate()}>
              {t("exchange:session.end")}
            </Button>
          </Group>
        </Card>
      )}
    </>
  );
}

/** The live part: connection, presence and the board of the session's kind. */
function LiveRoom({
  data,
  nameOf,
  onHarvest,
  onFacilitate,
}: {
  data: SessionPageData;
  nameOf: (id: string) => string;
  onHarvest: (text: string) => void;
  onFacilitate: () => void;
}) {
  const { t } = useTranslation("exchange");
  const me = useSession().person.id;
  const room = useLiveRoom<unknown>(data.session.id);
  const { send } = room;
  const facilitate = useCallback(() => {
    send({ type: "facilitate" });
    onFacilitate();
  }, [send, onFacilitate]);
  const kind = data.session.kind;
  const props = { send, me, nameOf, onHarvest, onFacilitate: facilitate };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="exchange-room-title">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h2" id="exchange-room-title">
            {t("exchange:live.title")}
          </Title>
          <ConnectionBadge connection={room.connection} />
        </Group>
        <Presence personIds={room.presence} nameOf={nameOf} />
        {room.view === null ? (
          room.connection === "signedOut" ? (
            <Alert color="red">{t("exchange:live.signedOut")}</Alert>
          ) : (
            <Loader aria-label={t("exchange:live.connection.connecting")} />
          )
        ) : kind === "leanCoffee" ? (
          <LeanCoffeeRoom view={room.view as LeanCoffeeView} {...props} />
        ) : kind === "kollegialeBeratung" ? (
          <KbRoom view={room.view as KbView} session={data.session} {...props} />
        ) : kind === "retrospective" ? (
          <RetroRoom view={room.view as RetroView} {...props} />
        ) : kind === "troika" ? (
          <TroikaRoom view={room.view as TroikaView} presence={room.presence} {...props} />
        ) : (
          <OpenSpaceRoom view={room.view as OpenSpaceView} {...props} />
        )}
      </Stack>
    </Card>
  );
}

/** Notes on the session (named, or without names in an anonymous session). */
function Contributions({ data }: { data: SessionPageData }) {
  const { t } = useTranslation("exchange");
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const add = useMutation({
    mutationFn: () =>
      api.post<SessionPageData>(`/exchange/sessions/${data.session.id}/contributions`, { body: body.trim() }),
    onSuccess: (page) => {
      setBody("");
      queryClient.setQueryData(exchangeKeys.session(data.session.id), page);
    },
    onError: (error) => notifyError(error),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim()) add.mutate();
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="exchange-notes-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="exchange-notes-title">
          {t("exchange:notes.title")}
        </Title>
        {data.contributions.length === 0 && <Text c="dimmed">{t("exchange:notes.empty")}</Text>}
        {data.contributions.length > 0 && (
          <Stack
            component="ul"
            gap="xs"
            className="exchange-plain-list"
            aria-labelledby="exchange-notes-title"
          >
            {data.contributions.map((note) => (
              <li key={note.id}>
                <Text size="sm" className="exchange-text">
                  {note.body}
                </Text>
                <Text size="xs" c="dimmed">
                  {note.author
                    ? t("exchange:notes.by", { name: note.author.name, date: formatDateTime(note.createdAt) })
                    : formatDateTime(note.createdAt)}
                </Text>
              </li>
            ))}
          </Stack>
        )}
        {!data.session.endedAt && (
          <form onSubmit={submit}>
            <Stack gap="xs">
              <Textarea
                label={t("exchange:notes.add")}
                autosize
                minRows={2}
                maxLength={4000}
                value={body}
                onChange={(event) => setBody(event.currentTarget.value)}
              />
              <Button
                type="submit"
                w="fit-content"
                variant="light"
                disabled={!body.trim()}
                loading={add.isPending}
              >
                {t("exchange:notes.submit")}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
