import {
  Badge,
  Button,
  Card,
  Group,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { HARVEST_KINDS, type HarvestItem, type SessionPage } from "../../../shared/exchange.ts";
import { api } from "../../api.ts";
import { DateField } from "../../ui/DateField.tsx";
import { formatDate } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { useSession } from "../../ui/session.tsx";
import { exchangeKeys, usePersonOptions } from "./queries.ts";

type Kind = (typeof HARVEST_KINDS)[number];

/** Open actions of the format's last session, shown when this one starts (follow-through). */
export function CarriedActions({
  items,
  sessionId,
  nameOf,
}: {
  items: HarvestItem[];
  sessionId: string;
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation("exchange");
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="exchange-carried-title"
      className="exchange-carried"
    >
      <Stack gap="xs">
        <Title order={2} size="h3" id="exchange-carried-title">
          {t("exchange:harvest.carriedTitle")}
        </Title>
        <Text size="sm">{t("exchange:harvest.carriedIntro")}</Text>
        <HarvestList items={items} sessionId={sessionId} nameOf={nameOf} />
      </Stack>
    </Card>
  );
}

function HarvestList({
  items,
  sessionId,
  nameOf,
}: {
  items: HarvestItem[];
  sessionId: string;
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation("exchange");
  const queryClient = useQueryClient();
  const done = useMutation({
    mutationFn: (item: HarvestItem) =>
      api.post<HarvestItem>(`/exchange/harvest/${item.id}/done`, { version: item.version }),
    onSuccess: (item) => {
      notifySuccess(t("exchange:harvest.markedDone", { title: item.title }));
      return queryClient.invalidateQueries({ queryKey: exchangeKeys.session(sessionId) });
    },
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: exchangeKeys.session(sessionId) })),
  });
  return (
    <Stack component="ul" gap="xs" className="exchange-plain-list">
      {items.map((item) => (
        <li key={item.id}>
          <Group gap="xs" wrap="wrap" align="flex-start">
            <Badge variant="light" color={KIND_COLORS[item.kind]}>
              {t(`exchange:harvest.kind.${item.kind}`)}
            </Badge>
            <Stack gap={0} flex={1} miw={200}>
              <Text fw={500} className="exchange-text">
                {item.title}
              </Text>
              {item.body && item.body !== item.title && (
                <Text size="sm" className="exchange-text">
                  {item.body}
                </Text>
              )}
              {item.kind === "action" && (
                <Text size="sm" c="dimmed">
                  {t("exchange:harvest.who", {
                    name: item.person ? item.person.name : nameOf(""),
                    date: item.dueDate ? formatDate(item.dueDate) : "—",
                  })}
                  {item.doneAt ? ` · ${t("exchange:harvest.doneOn", { date: formatDate(item.doneAt) })}` : ""}
                </Text>
              )}
            </Stack>
            {item.kind === "action" && !item.doneAt && (
              <Button size="xs" variant="light" onClick={() => done.mutate(item)}>
                {t("exchange:harvest.markDone")}
              </Button>
            )}
          </Group>
        </li>
      ))}
    </Stack>
  );
}

const KIND_COLORS: Record<Kind, string> = {
  learning: "teal",
  obstacle: "orange",
  proposal: "blue",
  action: "grape",
};

/**
 * The harvest: outcomes routed as a learning (library), an obstacle (system), a proposal (decisions)
 * or an action with a person and a date; the session keeps the record. A confidential session
 * routes only actions; the case owner may publish chosen text, anonymised, as a learning.
 */
export function HarvestSection({
  data,
  nameOf,
  prefill,
}: {
  data: SessionPage;
  nameOf: (id: string) => string;
  prefill: { text: string; n: number } | null;
}) {
  const { t } = useTranslation("exchange");
  const me = useSession().person.id;
  const { session } = data;
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="exchange-harvest-title"
      id="exchange-harvest"
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="exchange-harvest-title">
          {t("exchange:harvest.title")}
        </Title>
        <Text size="sm">
          {session.confidential ? t("exchange:harvest.introConfidential") : t("exchange:harvest.intro")}
        </Text>
        <HarvestForm key={prefill?.n ?? 0} data={data} initialText={prefill?.text ?? ""} />
        {session.confidential && session.caseOwner?.id === me && <PublishForm sessionId={session.id} />}
        <Title order={3} size="h4">
          {t("exchange:harvest.record")}
        </Title>
        {data.harvest.length === 0 ? (
          <Text c="dimmed">{t("exchange:harvest.empty")}</Text>
        ) : (
          <HarvestList items={data.harvest} sessionId={session.id} nameOf={nameOf} />
        )}
      </Stack>
    </Card>
  );
}

function HarvestForm({ data, initialText }: { data: SessionPage; initialText: string }) {
  const { t } = useTranslation("exchange");
  const queryClient = useQueryClient();
  const people = usePersonOptions(data);
  const confidential = data.session.confidential;
  const kinds: Kind[] = confidential ? ["action"] : [...HARVEST_KINDS];
  const firstLine = initialText.split("\n")[0].slice(0, 200);
  const [kind, setKind] = useState<Kind>(confidential ? "action" : "learning");
  const [title, setTitle] = useState(firstLine);
  const [body, setBody] = useState(initialText === firstLine ? "" : initialText);
  const [personId, setPersonId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState("");
  const save = useMutation({
    mutationFn: () =>
      api.post<HarvestItem>(`/exchange/sessions/${data.session.id}/harvest`, {
        kind,
        title: title.trim(),
        body: body.trim(),
        personId: kind === "action" ? personId : null,
        dueDate: kind === "action" && dueDate ? dueDate : null,
      }),
    onSuccess: (item) => {
      setTitle("");
      setBody("");
      setPersonId(null);
      setDueDate("");
      void queryClient.invalidateQueries({ queryKey: exchangeKeys.session(data.session.id) });
      notifySuccess(t(`exchange:harvest.saved.${item.kind}`, { title: item.title }));
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) save.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={t("exchange:harvest.form")}>
      <Stack gap="xs">
        <Radio.Group
          label={t("exchange:harvest.kindLabel")}
          value={kind}
          onChange={(value) => setKind(value as Kind)}
        >
          <Group gap="md" mt={4} wrap="wrap">
            {kinds.map((k) => (
              <Radio key={k} value={k} label={t(`exchange:harvest.kind.${k}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Text size="xs" c="dimmed">
          {t(`exchange:harvest.help.${kind}`)}
        </Text>
        <TextInput
          label={t("exchange:harvest.titleLabel")}
          required
          maxLength={200}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errors.title}
        />
        <Textarea
          label={t("exchange:harvest.body")}
          autosize
          minRows={2}
          maxLength={10_000}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={errors.body}
        />
        {kind === "action" && (
          <Group grow align="flex-start" wrap="wrap">
            <Select
              miw={200}
              label={t("exchange:harvest.person")}
              required
              searchable
              data={people}
              value={personId}
              onChange={setPersonId}
              error={errors.personId}
            />
            <DateField
              miw={160}
              required
              label={t("exchange:harvest.dueDate")}
              value={dueDate || null}
              onChange={(iso) => setDueDate(iso ?? "")}
              error={errors.dueDate}
            />
          </Group>
        )}
        <Button
          type="submit"
          w="fit-content"
          loading={save.isPending}
          disabled={!title.trim() || (kind === "action" && (!personId || !dueDate))}
        >
          {t("exchange:harvest.submit")}
        </Button>
      </Stack>
    </form>
  );
}

/** The case owner's explicit opt-in: only this text leaves the room, without names. */
function PublishForm({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation("exchange");
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const publish = useMutation({
    mutationFn: () => api.post<HarvestItem>(`/exchange/sessions/${sessionId}/publish`, { text: text.trim() }),
    onSuccess: () => {
      setText("");
      void queryClient.invalidateQueries({ queryKey: exchangeKeys.session(sessionId) });
      notifySuccess(t("exchange:harvest.published"));
    },
    onError: (error) => notifyError(error),
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) publish.mutate();
      }}
      className="exchange-publish"
    >
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t("exchange:harvest.publishTitle")}
        </Title>
        <Text size="sm">{t("exchange:harvest.publishIntro")}</Text>
        <Textarea
          label={t("exchange:harvest.publishText")}
          autosize
          minRows={3}
          maxLength={10_000}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <Button
          type="submit"
          w="fit-content"
          color="teal"
          disabled={!text.trim()}
          loading={publish.isPending}
        >
          {t("exchange:harvest.publish")}
        </Button>
      </Stack>
    </form>
  );
}
