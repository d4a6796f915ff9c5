import { Avatar, Badge, Group, Text, Tooltip } from "@mantine/core";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../ui/format.ts";
import type { Connection } from "./connection.ts";
import { countRender } from "./renderProbe.ts";

/** Who is in the room now, on any server. */
export const Presence = memo(function Presence({
  personIds,
  nameOf,
}: {
  personIds: string[];
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation("exchange");
  countRender("presence");
  return (
    <Group gap="xs" wrap="wrap" component="section" aria-label={t("exchange:live.presence")}>
      <Text size="sm" fw={500}>
        {t("exchange:live.here", { count: personIds.length, countText: formatNumber(personIds.length) })}
      </Text>
      <Group gap={4} component="ul" className="exchange-plain-list" wrap="wrap">
        {personIds.map((id) => (
          <li key={id}>
            <Tooltip label={nameOf(id)} withArrow>
              <Avatar
                size="sm"
                variant="filled"
                color="blue.8"
                name={nameOf(id)}
                aria-label={nameOf(id)}
                role="img"
              />
            </Tooltip>
          </li>
        ))}
      </Group>
    </Group>
  );
});

/** Whether this page receives the room live; reconnecting catches up with what it missed. */
export const ConnectionBadge = memo(function ConnectionBadge({ connection }: { connection: Connection }) {
  const { t } = useTranslation("exchange");
  const color = { live: "green", connecting: "yellow", reconnecting: "orange", signedOut: "red" }[connection];
  return (
    <span role="status" aria-live="polite">
      <Badge color={color} variant="light" data-connection={connection}>
        {t(`exchange:live.connection.${connection}`)}
      </Badge>
    </span>
  );
});
