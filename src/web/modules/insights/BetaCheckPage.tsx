import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import { BETA_LAWS, type BetaCheck, type BetaCheckResults } from "../../../shared/insights/betaCheck.ts";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatNumber } from "../../ui/format.ts";
import { useOrganisation } from "../../ui/session.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { AnonymityNote, answersText } from "./BetaCheckListPage.tsx";
import { lawNames } from "./BetaTrendView.tsx";
import { formatDay } from "./format.ts";
import { InsightsNav } from "./InsightsPage.tsx";
import { LazyChart } from "./LazyChart.tsx";
import { useAnswerBetaCheck, useBetaCheck, useBetaResults } from "./queries.ts";

const SCORES = ["1", "2", "3", "4", "5"] as const;

const formatMean = (value: number) =>
  new Intl.NumberFormat(currentLanguage() === "de" ? "de-DE" : "en-GB", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);

/** One Beta check: answer it (once, anonymously) while it is open; read its results once it has closed. */
export function BetaCheckPage() {
  const { t } = useTranslation("insights");
  const { checkId = "" } = useParams();
  const check = useBetaCheck(checkId);
  if (check.isPending) return <Loader aria-label={t("insights:page.loading")} />;
  if (check.isError) {
    return (
      <Stack>
        <Title order={1}>{t("insights:beta.title")}</Title>
        <Alert color="red" variant="light">
          {check.error.message}
        </Alert>
      </Stack>
    );
  }
  return <CheckView check={check.data} />;
}

function CheckView({ check }: { check: BetaCheck }) {
  const { t } = useTranslation("insights");
  const scope = check.cellName ?? t("insights:page.organisation");
  return (
    <Stack>
      <Title order={1}>{check.title || t("insights:beta.untitled", { scope })}</Title>
      <InsightsNav />
      <Anchor
        component={RouterLink}
        to={check.cellId ? `/insights/beta-check?cell=${check.cellId}` : "/insights/beta-check"}
      >
        {t("insights:beta.back")}
      </Anchor>
      <Text>
        {scope} ·{" "}
        {check.status === "open"
          ? t("insights:beta.status.open", { date: formatDay(check.closesOn) })
          : t("insights:beta.status.closed", { date: formatDay(check.closesOn) })}{" "}
        · {answersText(t, check)}
      </Text>
      <AnonymityNote />
      {check.canAnswer ? (
        <AnswerForm check={check} />
      ) : check.answered ? (
        <Alert color="green" variant="light">
          {t("insights:beta.alreadyAnswered")}
        </Alert>
      ) : check.status === "open" ? (
        <Alert color="gray" variant="light">
          {check.opensOn > new Date().toISOString().slice(0, 10)
            ? t("insights:beta.notYetOpen", { date: formatDay(check.opensOn) })
            : t("insights:beta.membersOnly", { scope })}
        </Alert>
      ) : null}
      <Results check={check} />
    </Stack>
  );
}

function AnswerForm({ check }: { check: BetaCheck }) {
  const { t } = useTranslation("insights");
  const language = currentLanguage();
  const [scores, setScores] = useState<Record<number, string>>({});
  const [comment, setComment] = useState("");
  const [tried, setTried] = useState(false);
  const answer = useAnswerBetaCheck(check.id, t("insights:beta.submitted"));
  const missing = BETA_LAWS.filter((law) => !scores[law.law]).length;
  return (
    <Card withBorder component="section" aria-labelledby="beta-answer" maw={900}>
      <form
        className="insights-answer"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (missing > 0) return;
          answer.mutate({
            scores: BETA_LAWS.map((law) => ({ law: law.law, score: Number(scores[law.law]) })),
            comment: comment.trim(),
          });
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="beta-answer">
            {t("insights:beta.answer")}
          </Title>
          <Text size="sm">{t("insights:beta.scale")}</Text>
          {BETA_LAWS.map((law) => (
            <Radio.Group
              key={law.law}
              label={`${law.law}. ${law.name[language]}`}
              description={law.statement[language]}
              value={scores[law.law] ?? null}
              onChange={(value) => setScores((current) => ({ ...current, [law.law]: value }))}
              error={tried && !scores[law.law] ? t("insights:beta.answerThis") : undefined}
              required
            >
              <Group gap="md" mt={6} wrap="wrap">
                {SCORES.map((score) => (
                  <Radio key={score} value={score} label={t(`insights:beta.scaleLabels.${score}`)} />
                ))}
              </Group>
            </Radio.Group>
          ))}
          <Textarea
            label={t("insights:beta.comment")}
            description={t("insights:beta.commentHelp")}
            value={comment}
            maxLength={2000}
            autosize
            minRows={3}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          {tried && missing > 0 && (
            <Alert color="orange" variant="light" role="alert">
              {t("insights:beta.incomplete", { count: missing })}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={answer.isPending}>
              {t("insights:beta.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Results({ check }: { check: BetaCheck }) {
  const { t } = useTranslation("insights");
  const results = useBetaResults(check.id, check.status === "closed");
  return (
    <Stack component="section" aria-labelledby="beta-results" gap="sm">
      <Title order={2} id="beta-results">
        {t("insights:beta.resultsTitle")}
      </Title>
      {check.status === "open" ? (
        <Text>{t("insights:beta.resultsAfterClose", { date: formatDay(check.closesOn) })}</Text>
      ) : results.isPending ? (
        <Loader size="sm" aria-label={t("insights:page.loading")} />
      ) : results.isError ? (
        <Alert color="red" variant="light">
          {results.error.message}
        </Alert>
      ) : (
        <ResultsBody results={results.data} k={check.minAnswers} />
      )}
    </Stack>
  );
}

/** `k`: the check's own, fixed when it opened (the organisation's may have changed since). */
function ResultsBody({ results, k }: { results: BetaCheckResults; k: number }) {
  const { t, i18n } = useTranslation("insights");
  const organisation = useOrganisation();
  const names = lawNames();
  const shown = results.status === "shown" ? results : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: law names follow the UI language.
  const input = useMemo(
    () => ({
      axes: lawNames(),
      series: shown
        ? [
            {
              name: t("insights:beta.average"),
              values: names.map((_, i) => shown.laws.find((l) => l.law === i + 1)?.mean ?? null),
            },
          ]
        : [],
      format: formatMean,
    }),
    [results, i18n.language],
  );
  if (results.status === "open") {
    return <Text>{t("insights:beta.resultsAfterClose", { date: formatDay(results.closesOn) })}</Text>;
  }
  if (!shown) {
    return (
      <Alert color="gray" variant="light" title={t("insights:reading.tooFew")}>
        {t("insights:beta.tooFew", { k: Math.max(k, organisation.minGroupSize) })}
      </Alert>
    );
  }
  const byLaw = new Map(shown.laws.map((law) => [law.law, law]));
  const summary = t("insights:beta.radarSummary", {
    list: names
      .map((name, i) => {
        const law = byLaw.get(i + 1);
        return `${name} ${law ? formatMean(law.mean) : t("insights:reading.noValue")}`;
      })
      .join(", "),
  });
  return (
    <>
      <Text>
        {t("insights:beta.answers", {
          count: shown.participants,
          countText: formatNumber(shown.participants),
        })}
      </Text>
      <LazyChart kind="radar" input={input} height={420} label={t("insights:beta.radarLabel", { summary })} />
      <TableScroll label={t("insights:beta.table")} minWidth={560}>
        <Table striped withTableBorder captionSide="top" fz="sm">
          <Table.Caption>{t("insights:beta.table")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("insights:beta.law")}</Table.Th>
              <Table.Th scope="col">{t("insights:beta.average")}</Table.Th>
              {SCORES.map((score) => (
                <Table.Th scope="col" key={score}>
                  {t(`insights:beta.scaleLabels.${score}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {names.map((name, i) => {
              const law = byLaw.get(i + 1);
              return (
                <Table.Tr key={name}>
                  <Table.Th scope="row" fw="normal">
                    {i + 1}. {name}
                  </Table.Th>
                  <Table.Td>{law ? formatMean(law.mean) : t("insights:reading.noValue")}</Table.Td>
                  {SCORES.map((score, s) => (
                    <Table.Td key={score}>
                      {law ? formatNumber(law.distribution[s]) : t("insights:reading.noValue")}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Title order={3}>{t("insights:beta.comments")}</Title>
      {shown.comments.length === 0 ? (
        <Text>{t("insights:beta.noComments")}</Text>
      ) : (
        <Stack gap="xs" component="ul" className="insights-plain-list">
          {shown.comments.map((comment, i) => (
            // Comments carry no id on purpose (nothing links them to a person); their order is random.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <Card key={i} component="li" withBorder padding="sm">
              <Text className="insights-comment">{comment}</Text>
            </Card>
          ))}
        </Stack>
      )}
    </>
  );
}
