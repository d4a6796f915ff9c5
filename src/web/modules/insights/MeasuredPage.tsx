import { Alert, List, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Definition } from "../../../shared/insights/figures.ts";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatList } from "../../ui/format.ts";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { InsightsNav, RulesLegend } from "./InsightsPage.tsx";
import { useDefinitions } from "./queries.ts";

const PRINCIPLES = ["teams", "k", "relative", "anonymous", "transparent"] as const;

/**
 * "What is measured here" (issue 7): every figure the product computes, its definition, the level it is
 * computed for and the group size it needs — the page a works council reads before signing off
 * (domain.md §6). The definitions come from the server, so this page cannot drift from what is computed.
 */
export function MeasuredPage() {
  const { t } = useTranslation("insights");
  const definitions = useDefinitions();
  const language = currentLanguage();
  const k = definitions.data?.minGroupSize;

  const levelOf = (item: Definition) => {
    if (item.id === "betaCheck") return t("insights:measured.level.survey");
    const parts: string[] = [];
    if (item.levels.includes("cell")) {
      parts.push(
        item.cellKinds.length === 1
          ? t(`insights:measured.level.${item.cellKinds[0]}Cells`)
          : t("insights:measured.level.cells"),
      );
    }
    if (item.levels.includes("organisation")) parts.push(t("insights:measured.level.organisation"));
    return formatList(parts);
  };

  return (
    <Stack>
      <Title order={1}>{t("insights:measured.title")}</Title>
      <InsightsNav />
      <Text maw={860}>{t("insights:measured.intro")}</Text>
      {definitions.isPending ? (
        <Loader aria-label={t("insights:page.loading")} />
      ) : definitions.isError ? (
        <Alert color="red" variant="light">
          {definitions.error.message}
        </Alert>
      ) : (
        <>
          <Stack component="section" aria-labelledby="measured-principles" gap="xs" maw={860}>
            <Title order={2} id="measured-principles">
              {t("insights:measured.principles")}
            </Title>
            <List spacing="xs">
              {PRINCIPLES.map((principle) => (
                <List.Item key={principle}>{t(`insights:measured.principle.${principle}`, { k })}</List.Item>
              ))}
            </List>
            <Text>
              <strong>{t("insights:measured.k")}:</strong> {t("insights:measured.kValue", { k })}
            </Text>
            <Text>{definitions.data.suppression[language]}</Text>
            <Text>{definitions.data.neverMeasured[language]}</Text>
          </Stack>
          <Stack component="section" aria-labelledby="measured-figures" gap="xs">
            <Title order={2} id="measured-figures">
              {t("insights:measured.figures")}
            </Title>
            <TableScroll label={t("insights:measured.figures")} minWidth={900}>
              <Table striped withTableBorder verticalSpacing="sm" captionSide="top">
                <Table.Caption>{t("insights:measured.caption", { k })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("insights:measured.columns.figure")}</Table.Th>
                    <Table.Th scope="col">{t("insights:measured.columns.definition")}</Table.Th>
                    <Table.Th scope="col">{t("insights:measured.columns.level")}</Table.Th>
                    <Table.Th scope="col">{t("insights:measured.columns.periods")}</Table.Th>
                    <Table.Th scope="col">{t("insights:measured.columns.source")}</Table.Th>
                    <Table.Th scope="col">{t("insights:measured.columns.k")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {definitions.data.items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Th scope="row">{item.name[language]}</Table.Th>
                      <Table.Td>{item.definition[language]}</Table.Td>
                      <Table.Td>{levelOf(item)}</Table.Td>
                      <Table.Td>
                        {item.grains.length
                          ? formatList(item.grains.map((grain) => t(`insights:measured.grain.${grain}`)))
                          : t("insights:reading.noValue")}
                      </Table.Td>
                      <Table.Td>{item.source[language]}</Table.Td>
                      <Table.Td>
                        {item.id === "betaCheck"
                          ? t("insights:measured.kAnswers", { k })
                          : t("insights:measured.kPeople", { k })}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </Stack>
          <Stack component="section" aria-labelledby="measured-threats" gap="xs" maw={1100}>
            <Title order={2} id="measured-threats">
              {t("insights:measured.threats")}
            </Title>
            <TableScroll label={t("insights:measured.threatsCaption")} minWidth={640}>
              <Table striped withTableBorder verticalSpacing="sm" captionSide="top">
                <Table.Caption>{t("insights:measured.threatsCaption")}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("insights:measured.threatColumns.who")}</Table.Th>
                    <Table.Th scope="col">{t("insights:measured.threatColumns.protection")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {definitions.data.threatModel.threats.map((threat) => (
                    <Table.Tr key={threat.who.en}>
                      <Table.Th scope="row">{threat.who[language]}</Table.Th>
                      <Table.Td>{threat.protection[language]}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
            <Title order={3} id="measured-limit">
              {t("insights:measured.limit")}
            </Title>
            <Text maw={860}>{definitions.data.threatModel.limit[language]}</Text>
          </Stack>
          <Stack component="section" aria-labelledby="measured-charts" gap="xs" maw={860}>
            <Title order={2} id="measured-charts">
              {t("insights:measured.charts")}
            </Title>
            <Text>{t("insights:measured.chartsText")}</Text>
            <RulesLegend />
          </Stack>
        </>
      )}
    </Stack>
  );
}
