import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate, useSearchParams } from "react-router";
import type { BetaCheck } from "../../../shared/insights/betaCheck.ts";
import { DateField } from "../../ui/DateField.tsx";
import { formatNumber } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { useOrganisation } from "../../ui/session.tsx";
import { BetaTrendView } from "./BetaTrendView.tsx";
import { formatDay, utcDay } from "./format.ts";
import { InsightsNav } from "./InsightsPage.tsx";
import { useBetaChecks, useInsightCells, useOpenBetaCheck } from "./queries.ts";

/** Why nobody needs to worry about answering: said before anyone opens or answers a Beta check. */
/**
 * How many answered. While the check is open the server counts in steps of the check's k (so the count
 * does not show when each answer came); the text says so.
 */
export function answersText(t: TFunction, check: BetaCheck): string {
  const counts = { count: check.participants, countText: formatNumber(check.participants) };
  return check.status === "open"
    ? t("insights:beta.answersOpen", { ...counts, k: check.minAnswers })
    : t("insights:beta.answers", counts);
}

export function AnonymityNote() {
  const { t } = useTranslation("insights");
  const organisation = useOrganisation();
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconLock aria-hidden="true" />}
      title={t("insights:beta.anonymous")}
    >
      {t("insights:beta.anonymity", { k: organisation.minGroupSize })}
    </Alert>
  );
}

/**
 * The Beta checks of the organisation or of one cell (`?cell=` in the URL): open one, see the list, and
 * the trend across closed checks. Anyone opens a check for any cell or the organisation — no role is
 * needed to ask how the team works (PRODUCT.md rule 6).
 */
export function BetaCheckListPage() {
  const { t } = useTranslation("insights");
  const [params, setParams] = useSearchParams();
  const scope = params.get("cell") || "org";
  const cells = useInsightCells();
  const checks = useBetaChecks(scope);
  const scopeName =
    scope === "org"
      ? t("insights:page.organisation")
      : (cells.data?.items.find((cell) => cell.id === scope)?.name ?? "…");
  const items = pageItems(checks);

  return (
    <Stack>
      <Title order={1}>{t("insights:beta.title")}</Title>
      <InsightsNav />
      <Text maw={860}>{t("insights:beta.intro")}</Text>
      <AnonymityNote />
      <NativeSelect
        label={t("insights:beta.openFor")}
        maw={360}
        value={scope === "org" ? "" : scope}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.currentTarget.value) next.set("cell", e.currentTarget.value);
          else next.delete("cell");
          setParams(next, { replace: true });
        }}
        data={[
          { value: "", label: t("insights:page.organisation") },
          ...(cells.data?.items ?? []).map((cell) => ({ value: cell.id, label: cell.name })),
        ]}
      />
      <OpenCheckForm cellId={scope === "org" ? null : scope} scopeName={scopeName} />
      <Title order={2}>{t("insights:beta.list")}</Title>
      {checks.isPending ? (
        <Loader size="sm" aria-label={t("insights:page.loading")} />
      ) : items.length === 0 ? (
        <Text>{t("insights:beta.none")}</Text>
      ) : (
        <Stack gap="xs" component="ul" className="insights-plain-list">
          {items.map((check) => (
            <CheckRow key={check.id} check={check} />
          ))}
        </Stack>
      )}
      <Group>
        <LoadMore read={checks} label={t("insights:beta.more")} variant="default" />
      </Group>
      <BetaTrendView cellId={scope} scopeName={scopeName} />
    </Stack>
  );
}

function CheckRow({ check }: { check: BetaCheck }) {
  const { t } = useTranslation("insights");
  return (
    <Card component="li" withBorder padding="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Anchor component={RouterLink} to={`/insights/beta-check/${check.id}`} fw={600}>
            {check.title ||
              t("insights:beta.untitled", { scope: check.cellName ?? t("insights:page.organisation") })}
          </Anchor>
          <Text size="sm">
            {check.cellName ?? t("insights:page.organisation")} ·{" "}
            {check.status === "open"
              ? t("insights:beta.status.open", { date: formatDay(check.closesOn) })
              : t("insights:beta.status.closed", { date: formatDay(check.closesOn) })}{" "}
            · {answersText(t, check)}
          </Text>
        </Stack>
        {check.answered ? (
          <Badge variant="light" color="green">
            {t("insights:beta.answeredBadge")}
          </Badge>
        ) : check.canAnswer ? (
          <Badge variant="light" color="blue">
            {t("insights:beta.canAnswerBadge")}
          </Badge>
        ) : null}
      </Group>
    </Card>
  );
}

function OpenCheckForm({ cellId, scopeName }: { cellId: string | null; scopeName: string }) {
  const { t } = useTranslation("insights");
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [opensOn, setOpensOn] = useState(utcDay());
  const [closesOn, setClosesOn] = useState(utcDay(14));
  const open = useOpenBetaCheck(
    (check) => navigate(`/insights/beta-check/${check.id}`),
    t("insights:beta.opened"),
  );
  const errors = fieldErrors(open.error);
  return (
    <Card withBorder component="section" aria-labelledby="open-beta-check" maw={860}>
      <Stack
        gap="sm"
        component="form"
        onSubmit={(event) => {
          event.preventDefault();
          // Today is left to the server, whose clock decides when a check is open.
          open.mutate({
            cellId,
            title: title.trim(),
            opensOn: opensOn === utcDay() ? undefined : opensOn,
            closesOn,
          });
        }}
      >
        <Title order={2} size="h4" id="open-beta-check">
          {t("insights:beta.openTitle", { scope: scopeName })}
        </Title>
        <TextInput
          label={t("insights:beta.titleLabel")}
          description={t("insights:beta.titleHelp")}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <DateField
            label={t("insights:beta.periodFrom")}
            value={opensOn || null}
            required
            onChange={(iso) => setOpensOn(iso ?? "")}
            error={errors.opensOn}
          />
          <DateField
            label={t("insights:beta.periodTo")}
            value={closesOn || null}
            required
            min={opensOn || undefined}
            onChange={(iso) => setClosesOn(iso ?? "")}
            error={errors.closesOn}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={open.isPending} disabled={!opensOn || !closesOn}>
            {t("insights:beta.open")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
