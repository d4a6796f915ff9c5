import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconCalendar, IconPencil, IconPlayerPlay, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate, useParams } from "react-router";
import type { Format, SessionPage, Topic } from "../../../shared/exchange.ts";
import { api } from "../../api.ts";
import { formatDateTime, formatList, formatNumber } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { pageItems } from "../../ui/paged.tsx";
import { useSession } from "../../ui/session.tsx";
import { usePeople } from "../org/queries.ts";
import { Sessions } from "./FormatSessions.tsx";
import { AccessBadge, TypeBadge, WhenText } from "./FormatsPage.tsx";
import { exchangeKeys, useFormat, useTopics } from "./queries.ts";

/** One format: when it meets, its topic backlog, its sessions (newest first) and starting the next. */
export function FormatPage() {
  const { t } = useTranslation("exchange");
  const { formatId = "" } = useParams();
  const format = useFormat(formatId);
  return (
    <Stack maw={960}>
      <Anchor component={RouterLink} to="/exchange">
        {t("exchange:form.back")}
      </Anchor>
      {format.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {format.isError && <Alert color="red">{format.error.message}</Alert>}
      {format.data && <FormatDetails format={format.data} />}
    </Stack>
  );
}

function FormatDetails({ format }: { format: Format }) {
  const { t } = useTranslation("exchange");
  const confidential = format.type === "kollegialeBeratung";
  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1}>{format.name}</Title>
          <Group gap="xs">
            <TypeBadge type={format.type} />
            <AccessBadge format={format} />
          </Group>
        </Stack>
        <Group gap="xs">
          <Button
            component={RouterLink}
            to={`/exchange/formats/${format.id}/edit`}
            variant="default"
            leftSection={<IconPencil aria-hidden="true" />}
          >
            {t("exchange:format.edit")}
          </Button>
          <DeleteFormat format={format} />
        </Group>
      </Group>
      <WhenText format={format} />
      <Text size="sm">
        {t("exchange:format.duration", {
          count: format.durationMinutes,
          countText: formatNumber(format.durationMinutes),
        })}
      </Text>
      {format.description && <Text className="exchange-text">{format.description}</Text>}
      {format.access === "invitation" && (
        <Text size="sm">
          {t("exchange:format.invited", {
            names: format.participants.length ? formatList(format.participants.map((p) => p.name)) : "—",
          })}
        </Text>
      )}
      <Group gap="xs">
        <IconCalendar aria-hidden="true" size={18} />
        <Anchor href={`/api/exchange/formats/${format.id}/calendar.ics`} download={`${format.name}.ics`}>
          {t("exchange:format.calendar")}
        </Anchor>
      </Group>
      <StartSession format={format} />
      {confidential ? (
        <Alert color="gray" variant="light" title={t("exchange:format.confidentialTitle")}>
          {t("exchange:format.confidentialBody")}
        </Alert>
      ) : (
        <Backlog format={format} />
      )}
      <Sessions format={format} />
    </>
  );
}

function DeleteFormat({ format }: { format: Format }) {
  const { t } = useTranslation("exchange");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.delete(`/exchange/formats/${format.id}?version=${format.version}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: exchangeKeys.formats });
      notifySuccess(t("exchange:format.deleted", { name: format.name }));
      navigate("/exchange");
    },
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: exchangeKeys.format(format.id) })),
  });
  if (!asking)
    return (
      <Button
        variant="default"
        color="red"
        leftSection={<IconTrash aria-hidden="true" />}
        onClick={() => setAsking(true)}
      >
        {t("exchange:format.delete")}
      </Button>
    );
  return (
    <Group gap="xs" role="group" aria-label={t("exchange:format.deleteConfirm")}>
      <Text size="sm">{t("exchange:format.deleteConfirm")}</Text>
      <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
        {t("exchange:format.deleteYes")}
      </Button>
      <Button variant="default" onClick={() => setAsking(false)}>
        {t("exchange:format.deleteNo")}
      </Button>
    </Group>
  );
}

/** Topics proposed before a session; the next Lean Coffee opens with them on its board. */
function Backlog({ format }: { format: Format }) {
  const { t } = useTranslation("exchange");
  const queryClient = useQueryClient();
  const topics = useTopics(format.id);
  const [title, setTitle] = useState("");
  const [pitch, setPitch] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const propose = useMutation({
    mutationFn: () =>
      api.post<Topic>(`/exchange/formats/${format.id}/topics`, { title: title.trim(), pitch, anonymous }),
    onSuccess: (topic) => {
      setTitle("");
      setPitch("");
      void queryClient.invalidateQueries({ queryKey: exchangeKeys.topics(format.id) });
      notifySuccess(t("exchange:backlog.proposed", { title: topic.title }));
    },
    onError: (error) => notifyError(error),
  });
  const remove = useMutation({
    mutationFn: (topicId: string) => api.delete(`/exchange/formats/${format.id}/topics/${topicId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exchangeKeys.topics(format.id) }),
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(propose.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) propose.mutate();
  };
  return (
    <Card withBorder component="section" aria-labelledby="exchange-backlog-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="exchange-backlog-title">
          {t("exchange:backlog.title")}
        </Title>
        <Text size="sm">{t("exchange:backlog.intro")}</Text>
        {topics.data && topics.data.length === 0 && <Text c="dimmed">{t("exchange:backlog.empty")}</Text>}
        {topics.data && topics.data.length > 0 && (
          <Stack
            component="ul"
            gap="xs"
            className="exchange-plain-list"
            aria-label={t("exchange:backlog.title")}
          >
            {topics.data.map((topic) => (
              <Group component="li" key={topic.id} justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={0}>
                  <Text fw={500}>{topic.title}</Text>
                  {topic.pitch && (
                    <Text size="sm" className="exchange-text">
                      {topic.pitch}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {topic.author
                      ? t("exchange:backlog.by", {
                          name: topic.author.name,
                          date: formatDateTime(topic.createdAt),
                        })
                      : t("exchange:backlog.anonymousOn", { date: formatDateTime(topic.createdAt) })}
                  </Text>
                </Stack>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => remove.mutate(topic.id)}
                  aria-label={t("exchange:backlog.remove", { title: topic.title })}
                >
                  {t("exchange:backlog.removeShort")}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <form onSubmit={submit} aria-label={t("exchange:backlog.propose")}>
          <Stack gap="xs">
            <TextInput
              label={t("exchange:backlog.topicTitle")}
              maxLength={200}
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              error={errors.title}
            />
            <Textarea
              label={t("exchange:backlog.pitch")}
              autosize
              minRows={1}
              maxLength={2000}
              value={pitch}
              onChange={(event) => setPitch(event.currentTarget.value)}
            />
            <Checkbox
              label={t("exchange:backlog.anonymous")}
              checked={anonymous}
              onChange={(event) => setAnonymous(event.currentTarget.checked)}
            />
            <Button type="submit" w="fit-content" loading={propose.isPending} disabled={!title.trim()}>
              {t("exchange:backlog.propose")}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

/**
 * Starting a session: the facilitator defaults to the next in the rotation, contributions may be
 * anonymous; a Kollegiale Beratung names who is in the room and whose case it is.
 */
function StartSession({ format }: { format: Format }) {
  const { t } = useTranslation("exchange");
  const me = useSession().person;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const people = usePeople({}, 500);
  const everyone = pageItems(people);
  const confidential = format.type === "kollegialeBeratung";
  const candidates =
    format.access === "invitation" && !confidential
      ? [...format.participants, ...(format.participants.some((p) => p.id === me.id) ? [] : [me])]
      : everyone.map((p) => ({ id: p.id, name: p.name }));
  const [facilitatorId, setFacilitatorId] = useState<string | null>(null);
  const [anonymous, setAnonymous] = useState(false);
  const [participantIds, setParticipantIds] = useState<string[]>([]);
  const [caseOwnerId, setCaseOwnerId] = useState<string | null>(null);
  const inRoom = [me.id, ...participantIds.filter((id) => id !== me.id)];
  const nameOf = (id: string) => everyone.find((p) => p.id === id)?.name ?? (id === me.id ? me.name : id);
  const start = useMutation({
    mutationFn: () =>
      api.post<SessionPage>(`/exchange/formats/${format.id}/sessions`, {
        facilitatorId,
        anonymous,
        participantIds: confidential ? participantIds : [],
        caseOwnerId: confidential ? caseOwnerId : null,
      }),
    onSuccess: (page) => {
      queryClient.setQueryData(exchangeKeys.session(page.session.id), page);
      void queryClient.invalidateQueries({ queryKey: exchangeKeys.sessions(format.id) });
      void queryClient.invalidateQueries({ queryKey: exchangeKeys.topics(format.id) });
      navigate(`/exchange/sessions/${page.session.id}`);
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(start.error);
  const facilitatorOptions = (
    confidential ? inRoom.filter((id) => id !== caseOwnerId) : candidates.map((p) => p.id)
  ).map((id) => ({ value: id, label: nameOf(id) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <Card withBorder component="section" aria-labelledby="exchange-start-title">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h3" id="exchange-start-title">
            {t("exchange:start.title")}
          </Title>
          {confidential && (
            <>
              <MultiSelect
                label={t("exchange:start.participants")}
                description={t("exchange:start.participantsHelp")}
                searchable
                data={everyone.filter((p) => p.id !== me.id).map((p) => ({ value: p.id, label: p.name }))}
                value={participantIds}
                onChange={setParticipantIds}
                nothingFoundMessage={t("exchange:form.nobody")}
                error={errors.participantIds}
              />
              <Select
                label={t("exchange:start.caseOwner")}
                description={t("exchange:start.caseOwnerHelp")}
                required
                data={inRoom.map((id) => ({ value: id, label: nameOf(id) }))}
                value={caseOwnerId}
                onChange={setCaseOwnerId}
                error={errors.caseOwnerId}
              />
            </>
          )}
          <Select
            label={t("exchange:start.facilitator")}
            description={t("exchange:start.facilitatorHelp")}
            placeholder={t("exchange:start.rotation")}
            clearable
            searchable
            data={facilitatorOptions}
            value={facilitatorId}
            onChange={setFacilitatorId}
            error={errors.facilitatorId}
          />
          <Switch
            label={t("exchange:start.anonymous")}
            description={t("exchange:start.anonymousHelp")}
            checked={anonymous}
            onChange={(event) => setAnonymous(event.currentTarget.checked)}
          />
          <Button
            type="submit"
            w="fit-content"
            leftSection={<IconPlayerPlay aria-hidden="true" />}
            loading={start.isPending}
            disabled={confidential && (!caseOwnerId || participantIds.length < 2)}
          >
            {t("exchange:start.submit")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
