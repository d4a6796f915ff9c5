import { Stack, Table, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { BETA_LAWS, type BetaTrend } from "../../../shared/insights/betaCheck.ts";
import { currentLanguage } from "../../i18n/i18n.ts";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { formatDay } from "./format.ts";
import { LazyChart } from "./LazyChart.tsx";
import { useBetaTrend } from "./queries.ts";

const formatMean = (value: number) =>
  new Intl.NumberFormat(currentLanguage() === "de" ? "de-DE" : "en-GB", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);

/** The laws' short names in the UI language, law 1 first. */
export function lawNames(): string[] {
  const language = currentLanguage();
  return BETA_LAWS.map((law) => law.name[language]);
}

type Shown = Extract<BetaTrend["checks"][number], { status: "shown" }>;

/**
 * How the answers moved across the closed Beta checks of a cell or the organisation: the last three on
 * one radar, every check in a table (laws down, checks across). A check with too few answers keeps its
 * column, marked "too few to show", so the gap is visible rather than hidden.
 */
export function BetaTrendView({ cellId, scopeName }: { cellId: string; scopeName: string }) {
  const { t, i18n } = useTranslation("insights");
  const trend = useBetaTrend(cellId);
  const checks = trend.data?.checks ?? [];
  const shown = checks.filter((check): check is Shown => check.status === "shown");
  const recent = shown.slice(-3);
  const checkName = (check: { title: string; closesOn: string }) =>
    check.title ? `${check.title} (${formatDay(check.closesOn)})` : formatDay(check.closesOn);
  // biome-ignore lint/correctness/useExhaustiveDependencies: law names follow the UI language.
  const input = useMemo(
    () => ({
      axes: lawNames(),
      series: recent.map((check, index) => ({
        name: checkName(check),
        values: check.means,
        dashed: index < recent.length - 1,
      })),
      format: formatMean,
    }),
    [trend.data, i18n.language],
  );
  if (!trend.data || checks.length === 0) return null;
  const names = lawNames();
  return (
    <Stack component="section" aria-labelledby="beta-trend" gap="sm">
      <Title order={2} id="beta-trend">
        {t("insights:beta.trend")}
      </Title>
      {recent.length > 0 && (
        <LazyChart
          kind="radar"
          input={input}
          height={420}
          label={t("insights:beta.trendRadar", {
            scope: scopeName,
            list: recent.map(checkName).join(", "),
          })}
        />
      )}
      <TableScroll
        label={t("insights:beta.trendLabel", { scope: scopeName })}
        minWidth={360 + checks.length * 120}
      >
        <Table striped withTableBorder captionSide="top" fz="sm">
          <Table.Caption>{t("insights:beta.trendLabel", { scope: scopeName })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("insights:beta.law")}</Table.Th>
              {checks.map((check) => (
                <Table.Th scope="col" key={check.checkId}>
                  {checkName(check)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {names.map((name, law) => (
              <Table.Tr key={name}>
                <Table.Th scope="row" fw="normal">
                  {law + 1}. {name}
                </Table.Th>
                {checks.map((check) => (
                  <Table.Td key={check.checkId}>
                    {check.status === "shown" ? formatMean(check.means[law]) : t("insights:reading.tooFew")}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {checks.some((check) => check.status === "tooFewToShow") && (
        <Text size="sm">{t("insights:beta.trendGap")}</Text>
      )}
    </Stack>
  );
}
