import { Alert, Code, Loader, Stack, Table, Text, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../../shared/org.ts";
import { formatDateTime } from "../../ui/format.ts";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { useAudit } from "./queries.ts";

/**
 * "cell.created" → a sentence in the current language. When the details name the subject, the
 * `_name`/`_email` variant of the sentence says which; unknown actions fall back to the raw action.
 */
export function describeAction(t: TFunction, entry: AuditEntry): string {
  const actor = entry.actorName ?? t("audit.system");
  const detail = (key: string) =>
    typeof entry.details[key] === "string" ? (entry.details[key] as string) : undefined;
  const name = detail("name");
  const email = detail("email");
  const role = detail("role");
  return t(`audit.actions.${entry.action}`, {
    actor,
    name,
    email,
    role: role ? t(`roles.${role}`, { defaultValue: role }) : undefined,
    from: detail("from") ? t(`roles.${detail("from")}`, { defaultValue: detail("from") }) : undefined,
    to: detail("to") ? t(`roles.${detail("to")}`, { defaultValue: detail("to") }) : undefined,
    context: name ? "name" : email ? "email" : undefined,
    defaultValue: t("audit.unknownAction", { actor, action: entry.action }),
  });
}

/** Detail keys and the few coded values (kind, role) read as words; anything else shows as recorded. */
function DetailList({ details }: { details: Record<string, unknown> }) {
  const { t } = useTranslation();
  const entries = Object.entries(details);
  if (entries.length === 0) return <>—</>;
  const show = (key: string, value: unknown): string => {
    if (value && typeof value === "object" && "from" in value && "to" in value) {
      return `${show(key, value.from)} → ${show(key, value.to)}`;
    }
    if (Array.isArray(value)) return value.map((item) => show(key, item)).join(", ");
    if (typeof value !== "string") return JSON.stringify(value);
    if (key === "kind") return t(`cells.kind.${value}`, { defaultValue: value });
    if (
      key === "role" ||
      key === "from" ||
      key === "to" ||
      key === "languages" ||
      key === "defaultLanguage"
    ) {
      return t(`roles.${value}`, { defaultValue: t(`languages.${value}`, { defaultValue: value }) });
    }
    return value;
  };
  return (
    <Stack gap={2}>
      {entries.map(([key, value]) => (
        <Text key={key} size="xs">
          <strong>{t(`audit.detailKeys.${key}`, { defaultValue: key })}</strong>:{" "}
          <Code>{show(key, value)}</Code>
        </Text>
      ))}
    </Stack>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const audit = useAudit();
  const entries = pageItems(audit);

  return (
    <Stack>
      <Title order={1}>{t("audit.title")}</Title>
      <Text maw={760}>{t("audit.intro")}</Text>
      {audit.isPending && <Loader aria-label={t("common.loading")} />}
      {audit.isError && <Alert color="red">{audit.error.message}</Alert>}
      {audit.data && entries.length === 0 && <Alert color="gray">{t("audit.empty")}</Alert>}
      {entries.length > 0 && (
        <TableScroll label={t("audit.title")} minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("audit.time")}</Table.Th>
                <Table.Th>{t("audit.actor")}</Table.Th>
                <Table.Th>{t("audit.what")}</Table.Th>
                <Table.Th>{t("audit.details")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </Table.Td>
                  <Table.Td>{entry.actorName ?? t("audit.system")}</Table.Td>
                  <Table.Td>{describeAction(t, entry)}</Table.Td>
                  <Table.Td>
                    <DetailList details={entry.details} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <LoadMore read={audit} />
    </Stack>
  );
}
