import { Alert, NativeSelect, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Stage } from "../../../shared/customers/deals.ts";
import type { ImportValue, ImportValues } from "../../../shared/customers/import.ts";
import { formatNumber } from "../../ui/format.ts";
import { TableScroll } from "../../ui/TableScroll.tsx";

/** value as the file writes it → stage id; "" = no stage chosen (stage) or follow the stage column (status). */
export type ValueChoices = Record<string, string>;

/** The choices a fresh list starts from: what each value maps to by itself, kept where the person chose. */
export const choicesOf = (values: ImportValue[], previous: ValueChoices): ValueChoices =>
  Object.fromEntries(values.map((v) => [v.value, previous[v.value] ?? v.stageId ?? ""]));

/**
 * The value-mapping step: every distinct value of the file's stage column (and Pipedrive's status
 * column) with a plain select of the organisation's stages — open stages, then won and lost. The
 * server says which values mapped themselves and how (remembered, same name, CRM default).
 */
export function ImportValueMapping({
  values,
  stages,
  stageChoices,
  statusChoices,
  onStageChoices,
  onStatusChoices,
}: {
  values: ImportValues;
  stages: Stage[];
  stageChoices: ValueChoices;
  statusChoices: ValueChoices;
  onStageChoices: (choices: ValueChoices) => void;
  onStatusChoices: (choices: ValueChoices) => void;
}) {
  const { t } = useTranslation("customers");
  // A won or lost stage says its outcome, unless its name already does ("Gewonnen").
  const label = (stage: Stage) =>
    stage.outcome === "open" ||
    stage.name.toLowerCase() === t(`customers:outcome.${stage.outcome}`).toLowerCase()
      ? stage.name
      : t(`customers:import.values.outcome.${stage.outcome}`, { name: stage.name });
  const ordered = [
    ...stages.filter((s) => s.outcome === "open"),
    ...stages.filter((s) => s.outcome !== "open"),
  ];
  const open = values.stage.filter((v) => !stageChoices[v.value]).length;
  return (
    <Stack gap="sm">
      <Title order={2}>{t("customers:import.values.title")}</Title>
      {values.stageColumn && values.stage.length > 0 && (
        <>
          <Text>{t("customers:import.values.intro", { column: values.stageColumn })}</Text>
          <ValueTable
            column={values.stageColumn}
            values={values.stage}
            choices={stageChoices}
            onChange={onStageChoices}
            selectLabel={(value) => t("customers:import.values.mapTo", { value })}
            options={[
              { value: "", label: t("customers:import.values.choose") },
              ...ordered.map((s) => ({ value: s.id, label: label(s) })),
            ]}
          />
          {open > 0 && <Alert color="yellow">{t("customers:import.values.open", { count: open })}</Alert>}
        </>
      )}
      {values.statusColumn && values.status.length > 0 && (
        <>
          <Text>{t("customers:import.values.statusIntro", { column: values.statusColumn })}</Text>
          <ValueTable
            column={values.statusColumn}
            values={values.status}
            choices={statusChoices}
            onChange={onStatusChoices}
            selectLabel={(value) => t("customers:import.values.statusMapTo", { value })}
            options={[
              { value: "", label: t("customers:import.values.followStage") },
              ...ordered.filter((s) => s.outcome !== "open").map((s) => ({ value: s.id, label: label(s) })),
            ]}
          />
        </>
      )}
    </Stack>
  );
}

function ValueTable({
  column,
  values,
  choices,
  onChange,
  selectLabel,
  options,
}: {
  column: string;
  values: ImportValue[];
  choices: ValueChoices;
  onChange: (choices: ValueChoices) => void;
  selectLabel: (value: string) => string;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation("customers");
  return (
    <TableScroll label={t("customers:import.values.caption", { column })} minWidth={480}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("customers:import.values.value")}</Table.Th>
            <Table.Th scope="col">{t("customers:import.values.rows")}</Table.Th>
            <Table.Th scope="col">{t("customers:import.values.target")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {values.map((v) => {
            const choice = choices[v.value] ?? "";
            // Says how a value mapped itself while the person has not changed it.
            const automatic = v.matchedBy && choice === (v.stageId ?? "");
            return (
              <Table.Tr key={v.value}>
                <Table.Th scope="row" fw={500}>
                  {v.value}
                </Table.Th>
                <Table.Td>{formatNumber(v.rows)}</Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={selectLabel(v.value)}
                    value={choice}
                    onChange={(e) => onChange({ ...choices, [v.value]: e.currentTarget.value })}
                    data={options}
                    description={automatic ? t(`customers:import.values.by.${v.matchedBy}`) : undefined}
                    inputWrapperOrder={["input", "description"]}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
