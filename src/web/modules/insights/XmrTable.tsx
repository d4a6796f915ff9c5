import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { type ChartView, RULE_MARK, segmentAt } from "./chartModel.ts";

/**
 * The chart's numbers as a table, newest period first: value, moving range, the limits that apply,
 * and each signal spelt out with its rule — everything the picture shows, readable without it.
 */
export function XmrTable({
  view,
  caption,
  format,
}: {
  view: ChartView;
  caption: string;
  format: (value: number) => string;
}) {
  const { t } = useTranslation("insights");
  const dash = t("insights:chart.table.none");
  const number = (value: number | null) => (value === null ? dash : format(value));
  const rows = view.points.map((point, index) => ({ point, index })).reverse();
  return (
    <TableScroll label={caption} minWidth={760}>
      <Table striped withTableBorder captionSide="top" fz="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("insights:chart.table.period")}</Table.Th>
            <Table.Th scope="col">{t("insights:chart.table.value")}</Table.Th>
            <Table.Th scope="col">{t("insights:chart.table.movingRange")}</Table.Th>
            <Table.Th scope="col">{t("insights:chart.table.centre")}</Table.Th>
            <Table.Th scope="col">{t("insights:chart.table.lower")}</Table.Th>
            <Table.Th scope="col">{t("insights:chart.table.upper")}</Table.Th>
            <Table.Th scope="col">{t("insights:chart.table.rangeLimit")}</Table.Th>
            <Table.Th scope="col">{t("insights:chart.table.signals")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ point, index }) => {
            const segment = segmentAt(view, index);
            const notes = [
              ...point.signals.map(
                (rule) =>
                  `${t("insights:chart.ruleMark", { mark: RULE_MARK[rule] })}: ${t(`insights:chart.rule.${rule}`)}`,
              ),
              ...(point.rangeSignal
                ? [
                    `${t("insights:chart.ruleMark", { mark: RULE_MARK.rangeBeyondLimit })}: ${t("insights:chart.rule.rangeBeyondLimit")}`,
                  ]
                : []),
              ...(view.changes.includes(index) ? [t("insights:chart.table.limitsChange")] : []),
              ...(point.inBaseline ? [t("insights:chart.table.baseline")] : []),
            ];
            return (
              <Table.Tr key={point.period}>
                <Table.Th scope="row" fw="normal">
                  {point.label}
                </Table.Th>
                <Table.Td>{number(point.value)}</Table.Td>
                <Table.Td>{number(point.movingRange)}</Table.Td>
                <Table.Td>{segment ? format(segment.centre) : dash}</Table.Td>
                <Table.Td>
                  {segment
                    ? segment.lower === null
                      ? t("insights:chart.table.noLower")
                      : format(segment.lower)
                    : dash}
                </Table.Td>
                <Table.Td>{segment ? format(segment.upper) : dash}</Table.Td>
                <Table.Td>{segment ? format(segment.mrUpper) : dash}</Table.Td>
                <Table.Td>{notes.length ? notes.join("; ") : dash}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
