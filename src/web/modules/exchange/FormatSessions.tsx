import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import type { Format } from "../../../shared/exchange.ts";
import { formatDateTime } from "../../ui/format.ts";
import { useSessions } from "./queries.ts";

/** A format's sessions, newest first: when each started, whether it is still live, who facilitated. */
export function Sessions({ format }: { format: Format }) {
  const { t } = useTranslation("exchange");
  const sessions = useSessions(format.id);
  return (
    <Card withBorder component="section" aria-labelledby="exchange-sessions-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="exchange-sessions-title">
          {t("exchange:sessions.title")}
        </Title>
        {sessions.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
        {sessions.data && sessions.data.length === 0 && (
          <Text c="dimmed">{t("exchange:sessions.empty")}</Text>
        )}
        {sessions.data && sessions.data.length > 0 && (
          <Stack
            component="ul"
            gap="xs"
            className="exchange-plain-list"
            aria-label={t("exchange:sessions.title")}
          >
            {sessions.data.map((session) => (
              <Group component="li" key={session.id} gap="xs" wrap="wrap">
                <Anchor component={RouterLink} to={`/exchange/sessions/${session.id}`}>
                  {t("exchange:sessions.startedAt", { date: formatDateTime(session.startedAt) })}
                </Anchor>
                {session.endedAt ? (
                  <Badge variant="light" color="gray">
                    {t("exchange:sessions.ended")}
                  </Badge>
                ) : (
                  <Badge variant="light" color="green">
                    {t("exchange:sessions.live")}
                  </Badge>
                )}
                {session.facilitator && (
                  <Text size="sm" c="dimmed">
                    {t("exchange:sessions.facilitator", { name: session.facilitator.name })}
                  </Text>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
