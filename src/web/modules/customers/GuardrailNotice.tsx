import { Alert, Button, List, Stack, Text } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { GuardrailFinding } from "../../../shared/customers/offers.ts";
import { formatNumber } from "../../ui/format.ts";
import "../decisions/i18n.ts";
import { formatBps } from "./money.ts";

/** One sentence per finding: which guardrail, by how much, and the guardrail's own reason. */
export function describeFinding(t: TFunction, finding: GuardrailFinding): string {
  const gap = Math.abs(finding.actualValue - finding.limitValue);
  if (finding.kind === "paymentTerms") {
    return t("customers:guardrail.finding.paymentTerms", {
      actual: formatNumber(finding.actualValue),
      limit: formatNumber(finding.limitValue),
      gap: formatNumber(gap),
    });
  }
  return t(`customers:guardrail.finding.${finding.kind}`, {
    line: finding.line ?? "",
    actual: formatBps(finding.actualValue),
    limit: formatBps(finding.limitValue),
    gap: formatNumber(gap / 100, { maximumFractionDigits: 2 }),
  });
}

function FindingList({ findings }: { findings: GuardrailFinding[] }) {
  const { t } = useTranslation("customers");
  return (
    <List size="sm" spacing={4}>
      {findings.map((finding) => (
        <List.Item key={`${finding.kind}-${finding.line ?? "offer"}`}>
          <Text size="sm" span fw={600}>
            {t(`customers:guardrail.kind.${finding.kind}`)}:
          </Text>{" "}
          {describeFinding(t, finding)}
          {finding.why && (
            <Text size="sm" mt={2}>
              {t("customers:guardrail.why", { why: finding.why })}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

/**
 * While an offer leaves a guardrail: information, not an error (PRODUCT.md rule 1). It suggests the
 * advice process and never blocks sending.
 */
export function GuardrailNotice({
  findings,
  adviceNote,
  onAskAdvice,
}: {
  findings: GuardrailFinding[];
  adviceNote: string;
  onAskAdvice?: () => void;
}) {
  const { t } = useTranslation("customers");
  if (findings.length === 0) return null;
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconInfoCircle aria-hidden />}
      title={t("customers:guardrail.noticeTitle", { count: findings.length })}
      role="status"
    >
      <Stack gap="xs">
        <FindingList findings={findings} />
        <Text size="sm">{t("decisions:proposal.noticeAdvice")}</Text>
        {adviceNote && <Text size="sm">{t("customers:guardrail.adviceRecorded", { note: adviceNote })}</Text>}
        {onAskAdvice && (
          <Button size="xs" variant="white" onClick={onAskAdvice} w="fit-content">
            {t("customers:guardrail.askAdvice")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** After sending: the visible record that the offer left a guardrail when it went out. */
export function RecordedFindings({
  findings,
  adviceNote,
}: {
  findings: GuardrailFinding[];
  adviceNote: string;
}) {
  const { t } = useTranslation("customers");
  if (findings.length === 0) return null;
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconInfoCircle aria-hidden />}
      title={t("customers:guardrail.recordedTitle")}
    >
      <Stack gap="xs">
        <FindingList findings={findings} />
        {/* Notes from before offers linked to proposals stay readable; proposals are listed below. */}
        {adviceNote && <Text size="sm">{t("customers:guardrail.adviceRecorded", { note: adviceNote })}</Text>}
      </Stack>
    </Alert>
  );
}
