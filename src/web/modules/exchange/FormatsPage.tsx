import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Loader,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconCalendar, IconPlus } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import type { Format } from "../../../shared/exchange.ts";
import { api } from "../../api.ts";
import { formatNumber } from "../../ui/format.ts";
import { notifyError } from "../../ui/notify.tsx";
import { useFormats } from "./queries.ts";
import { formatInZone, nextOccurrence } from "./schedule.ts";

/** The exchange formats of the organisation: what meets when, and the way into each. */
export function FormatsPage() {
  const { t } = useTranslation("exchange");
  const formats = useFormats();
  return (
    <Stack maw={960}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t("exchange:formats.title")}</Title>
        <Button component={RouterLink} to="/exchange/new" leftSection={<IconPlus aria-hidden="true" />}>
          {t("exchange:formats.new")}
        </Button>
      </Group>
      <Text>{t("exchange:formats.intro")}</Text>
      {formats.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {formats.isError && <Alert color="red">{formats.error.message}</Alert>}
      {formats.data && formats.data.length === 0 && <Text c="dimmed">{t("exchange:formats.empty")}</Text>}
      {formats.data && formats.data.length > 0 && (
        <Stack
          component="ul"
          gap="sm"
          className="exchange-plain-list"
          aria-label={t("exchange:formats.title")}
        >
          {formats.data.map((format) => (
            <li key={format.id}>
              <FormatCard format={format} />
            </li>
          ))}
        </Stack>
      )}
      <CalendarCard />
    </Stack>
  );
}

export function TypeBadge({ type }: { type: Format["type"] }) {
  const { t } = useTranslation("exchange");
  return (
    <Badge variant="light" color="grape">
      {t(`exchange:type.${type}`)}
    </Badge>
  );
}

export function AccessBadge({ format }: { format: Format }) {
  const { t } = useTranslation("exchange");
  return format.access === "open" ? (
    <Badge variant="outline" color="teal.9">
      {t("exchange:access.open")}
    </Badge>
  ) : (
    <Badge variant="outline" color="orange.9">
      {t("exchange:access.invitationCount", {
        count: format.participants.length,
        countText: formatNumber(format.participants.length),
      })}
    </Badge>
  );
}

/** "Weekly · next: Tuesday, 1 December 2026, 09:00 CET" or "On demand". */
export function WhenText({ format }: { format: Format }) {
  const { t } = useTranslation("exchange");
  const next = nextOccurrence(format);
  return (
    <Text size="sm">
      {t(`exchange:cadence.${format.cadence}`)}
      {" · "}
      {next
        ? t("exchange:formats.next", { when: formatInZone(next, format.timeZone) })
        : t("exchange:formats.noNext")}
    </Text>
  );
}

function FormatCard({ format }: { format: Format }) {
  return (
    <Card withBorder padding="sm">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Anchor component={RouterLink} to={`/exchange/formats/${format.id}`} fw={600}>
            {format.name}
          </Anchor>
          <TypeBadge type={format.type} />
          <AccessBadge format={format} />
        </Group>
        <WhenText format={format} />
        {format.description && (
          <Text size="sm" c="dimmed" lineClamp={2}>
            {format.description}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The person's own calendar: every format they take part in, as a file now or as a secret feed
 * URL for calendar apps (which send no cookies). A new URL replaces the old one.
 */
function CalendarCard() {
  const { t } = useTranslation("exchange");
  const renew = useMutation({
    mutationFn: () => api.post<{ url: string }>("/exchange/me/calendar-feed"),
    onError: (error) => notifyError(error),
  });
  return (
    <Card withBorder component="section" aria-labelledby="exchange-calendar-title">
      <Stack gap="xs">
        <Group gap="xs">
          <IconCalendar aria-hidden="true" />
          <Title order={2} size="h4" id="exchange-calendar-title">
            {t("exchange:calendar.title")}
          </Title>
        </Group>
        <Text size="sm">{t("exchange:calendar.intro")}</Text>
        <Group gap="sm" wrap="wrap">
          <Anchor href="/api/exchange/me/calendar.ics" download="periphery.ics">
            {t("exchange:calendar.download")}
          </Anchor>
          <Button variant="light" size="xs" loading={renew.isPending} onClick={() => renew.mutate()}>
            {t("exchange:calendar.newFeed")}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t("exchange:calendar.newFeedHelp")}
        </Text>
        {renew.data && (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              readOnly
              flex={1}
              label={t("exchange:calendar.feedUrl")}
              value={renew.data.url}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton value={renew.data.url}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t("exchange:calendar.copied") : t("exchange:calendar.copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
