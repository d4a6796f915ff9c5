import { Alert, Anchor, Group, Radio, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type {
  ImportDryRun as DryRun,
  DuplicateChoice,
  ImportEntity,
  ImportRowError,
} from "../../../shared/customers/import.ts";
import { formatList, formatNumber } from "../../ui/format.ts";
import { TableScroll } from "../../ui/TableScroll.tsx";

const CHOICES: DuplicateChoice[] = ["skip", "update", "create"];

/** Where an existing record of a duplicate can be read; contacts live on their account's page. */
const existingPath = (entity: ImportEntity, id: string) =>
  entity === "accounts" ? `/customers/accounts/${id}` : entity === "deals" ? `/customers/deals/${id}` : null;

/** What a dry run found: the counts it would write, every broken row, and duplicates with a choice. */
export function ImportDryRun({
  entity,
  result,
  choice,
  onChoice,
}: {
  entity: ImportEntity;
  result: DryRun;
  choice: DuplicateChoice;
  onChoice: (choice: DuplicateChoice) => void;
}) {
  const { t } = useTranslation("customers");
  const { counts } = result;
  return (
    <Stack gap="sm">
      <Title order={2}>{t("customers:import.dryRun.title")}</Title>
      <Text>
        {t("customers:import.dryRun.summary", {
          total: formatNumber(counts.totalRows),
          created: formatNumber(counts.created),
          updated: formatNumber(counts.updated),
          skipped: formatNumber(counts.skipped),
        })}{" "}
        {counts.accountsCreated > 0 &&
          t("customers:import.dryRun.accountsCreated", { count: counts.accountsCreated })}{" "}
        {counts.unchanged > 0 && t("customers:import.dryRun.unchanged", { count: counts.unchanged })}
      </Text>
      {/* Nothing is dropped without saying so: columns nothing reads, owners nobody matches. */}
      {result.ignoredColumns.length > 0 && (
        <Text>{t("customers:import.dryRun.ignored", { columns: formatList(result.ignoredColumns) })}</Text>
      )}
      {result.unmatchedOwners.length > 0 && (
        <Text>
          {t("customers:import.dryRun.unmatchedOwners", { names: formatList(result.unmatchedOwners) })}
        </Text>
      )}
      {result.errorCount === 0 ? (
        <Alert color="green">{t("customers:import.dryRun.clean")}</Alert>
      ) : (
        <>
          <Alert color="red">{t("customers:import.dryRun.errors", { count: result.errorCount })}</Alert>
          <RowErrors errors={result.errors} total={result.errorCount} />
        </>
      )}
      {result.duplicateCount > 0 && (
        <Stack gap="xs">
          <Title order={3}>{t("customers:import.duplicates.title")}</Title>
          <Text>{t("customers:import.duplicates.intro", { count: result.duplicateCount })}</Text>
          <Radio.Group
            label={t("customers:import.duplicates.choice")}
            value={choice}
            onChange={(value) => onChoice(value as DuplicateChoice)}
          >
            <Group gap="md" mt={4}>
              {CHOICES.map((c) => (
                <Radio key={c} value={c} label={t(`customers:import.duplicates.choices.${c}`)} />
              ))}
            </Group>
          </Radio.Group>
          <TableScroll label={t("customers:import.duplicates.title")} minWidth={420}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("customers:import.row")}</Table.Th>
                  <Table.Th scope="col">{t("customers:import.duplicates.matchedBy")}</Table.Th>
                  <Table.Th scope="col">{t("customers:import.duplicates.value")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.duplicates.map((d) => {
                  const path = existingPath(entity, d.existingId);
                  return (
                    <Table.Tr key={d.row}>
                      <Table.Td>{d.row}</Table.Td>
                      <Table.Td>{t(`customers:import.duplicates.by.${d.matchedBy}`)}</Table.Td>
                      <Table.Td>
                        {path ? (
                          <Anchor component={Link} to={path}>
                            {d.value}
                          </Anchor>
                        ) : (
                          d.value
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroll>
          {result.duplicates.length < result.duplicateCount && (
            <Text size="sm" c="dimmed">
              {t("customers:import.listed", {
                shown: formatNumber(result.duplicates.length),
                total: formatNumber(result.duplicateCount),
              })}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** Row number (the line in the file, header = 1), column and reason in the person's language. */
export function RowErrors({ errors, total }: { errors: ImportRowError[]; total: number }) {
  const { t } = useTranslation("customers");
  return (
    <>
      <TableScroll label={t("customers:import.dryRun.errorsLabel")} minWidth={420}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("customers:import.row")}</Table.Th>
              <Table.Th scope="col">{t("customers:import.dryRun.column")}</Table.Th>
              <Table.Th scope="col">{t("customers:import.dryRun.reason")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((e) => (
              <Table.Tr key={`${e.row}-${e.column}-${e.reason}`}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.column}</Table.Td>
                <Table.Td>{e.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {errors.length < total && (
        <Text size="sm" c="dimmed">
          {t("customers:import.listed", { shown: formatNumber(errors.length), total: formatNumber(total) })}
        </Text>
      )}
    </>
  );
}
