import { Alert, Button, Code, Loader, Stack, Table, Text, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../../shared/org.ts";
import { formatDateTime } from "../../ui/format.ts";
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
    context: name ? "name" : email ? "email" : undefined,
    defaultValue: t("audit.unknownAction", { actor, action: entry.action }),
  });
}

function DetailList({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <>—</>;
  return (
    <Stack gap={2}>
      {entries.map(([key, value]) => (
        <Text key={key} size="xs">
          <strong>{key}</strong>: <Code>{typeof value === "string" ? value : JSON.stringify(value)}</Code>
        </Text>
      ))}
    </Stack>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const audit = useAudit();
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];

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
      {audit.hasNextPage && (
        <Button
          variant="light"
          w="fit-content"
          loading={audit.isFetchingNextPage}
          onClick={() => audit.fetchNextPage()}
        >
          {t("common.loadMore")}
        </Button>
      )}
    </Stack>
  );
}
