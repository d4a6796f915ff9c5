import {
  Anchor,
  Badge,
  Button,
  Card,
  CloseButton,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useSearchParams } from "react-router";
import type { LinkType, ProposalKind } from "../../../shared/decisions/kinds.ts";
import type { DecisionLogItem } from "../../../shared/decisions/log.ts";
import type { ProposalSummary } from "../../../shared/decisions/proposals.ts";
import { DateField } from "../../ui/DateField.tsx";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { PagedList } from "../../ui/paged.tsx";
import { useAllCells } from "../org/queries.ts";
import { KindBadge, LinkList, StatusBadge } from "./ProposalBits.tsx";
import { type LogFilter, useDecisionLog, useOpenProposals } from "./queries.ts";

const LINK_TYPES: LinkType[] = ["account", "deal", "offer", "cell", "guardrail", "obstacle", "condition"];

/** The links between the areas of decisions, shown on each of its pages. */
export function DecisionsNav() {
  const { t } = useTranslation("decisions");
  return (
    <Group gap="md" component="nav" aria-label={t("decisions:nav.log")}>
      <Anchor component={RouterLink} to="/decisions">
        {t("decisions:nav.log")}
      </Anchor>
      <Anchor component={RouterLink} to="/decisions/reviews">
        {t("decisions:nav.reviews")}
      </Anchor>
      <Anchor component={RouterLink} to="/decisions/settings">
        {t("decisions:nav.settings")}
      </Anchor>
    </Group>
  );
}

/**
 * The open decision log (PRODUCT.md rule 4): every decision, searchable and filterable by kind, cell,
 * linked object and date; proposals still open sit in their own tab. Filters live in the URL so a
 * filtered log can be shared.
 */
export function DecisionLogPage() {
  const { t } = useTranslation("decisions");
  const cells = useAllCells();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(search.trim(), 300);
  const tab = params.get("tab") === "open" ? "open" : "decided";
  const kind = (params.get("kind") || undefined) as ProposalKind | undefined;
  const linkType = (params.get("linkType") || undefined) as LinkType | undefined;
  const linkId = params.get("linkId") || undefined;
  const filter: LogFilter = {
    q: q || undefined,
    kind,
    cellId: params.get("cellId") || undefined,
    linkType,
    linkId,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  };
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name === "linkType") next.delete("linkId");
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("decisions:log.title")}</Title>
        <Button component={RouterLink} to="/decisions/new" leftSection={<IconPlus size={16} aria-hidden />}>
          {t("decisions:proposal.new")}
        </Button>
      </Group>
      <DecisionsNav />
      <Text maw={760}>{t("decisions:log.intro")}</Text>
      <SimpleGrid
        cols={{ base: 1, xs: 2, md: 3 }}
        maw={960}
        component="form"
        role="search"
        aria-label={t("decisions:log.filters")}
        onSubmit={(e) => e.preventDefault()}
      >
        <TextInput
          label={t("decisions:log.search")}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <NativeSelect
          label={t("decisions:kind.label")}
          value={kind ?? ""}
          onChange={(e) => setParam("kind", e.currentTarget.value)}
          data={[
            { value: "", label: t("decisions:kind.any") },
            { value: "advice", label: t("decisions:kind.advice") },
            { value: "consent", label: t("decisions:kind.consent") },
          ]}
        />
        <NativeSelect
          label={t("decisions:log.cell")}
          value={filter.cellId ?? ""}
          onChange={(e) => setParam("cellId", e.currentTarget.value)}
          data={[
            { value: "", label: t("decisions:log.allCells") },
            ...(cells.data ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <NativeSelect
          label={t("decisions:log.linked")}
          value={linkType ?? ""}
          onChange={(e) => setParam("linkType", e.currentTarget.value)}
          data={[
            { value: "", label: t("decisions:link.any") },
            ...LINK_TYPES.map((type) => ({ value: type, label: t(`decisions:link.${type}`) })),
          ]}
        />
        <DateField
          label={t("decisions:log.from")}
          value={filter.from ?? null}
          onChange={(iso) => setParam("from", iso ?? "")}
        />
        <DateField
          label={t("decisions:log.to")}
          value={filter.to ?? null}
          onChange={(iso) => setParam("to", iso ?? "")}
        />
      </SimpleGrid>
      {linkType && linkId && (
        <Group gap={4}>
          <Badge variant="light" tt="none" size="lg">
            {t("decisions:log.linkedTo", { what: t(`decisions:link.${linkType}`) })}
          </Badge>
          <CloseButton
            size="sm"
            aria-label={t("decisions:log.clearLinked")}
            onClick={() => setParam("linkType", "")}
          />
        </Group>
      )}
      <Tabs value={tab} onChange={(value) => setParam("tab", value === "open" ? "open" : "")}>
        <Tabs.List>
          <Tabs.Tab value="decided">{t("decisions:log.decidedTab")}</Tabs.Tab>
          <Tabs.Tab value="open">{t("decisions:log.openTab")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="decided" pt="md">
          {tab === "decided" && <DecidedList filter={filter} />}
        </Tabs.Panel>
        <Tabs.Panel value="open" pt="md">
          {tab === "open" && <OpenList filter={{ kind, linkType, linkId }} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function DecidedList({ filter }: { filter: LogFilter }) {
  const { t } = useTranslation("decisions");
  const log = useDecisionLog(filter);
  return (
    <PagedList
      read={log}
      label={t("decisions:log.decidedTab")}
      empty={t("decisions:log.empty")}
      loadMore={t("decisions:log.loadMore")}
      className="decision-links"
    >
      {(item) => <LogRow key={item.id} item={item} />}
    </PagedList>
  );
}

function LogRow({ item }: { item: DecisionLogItem }) {
  const { t } = useTranslation("decisions");
  return (
    <ProposalRow
      item={item}
      text={item.decision}
      facts={[
        t("decisions:log.decidedOn", { date: formatDate(item.decidedAt) }),
        item.kind === "advice"
          ? t("decisions:log.advice", { count: item.adviceCount, countText: formatNumber(item.adviceCount) })
          : t("decisions:log.rounds", { count: item.rounds }),
      ]}
    />
  );
}

/** One row of the log or of the open proposals: title, status, kind, who decides, facts, links. */
function ProposalRow({
  item,
  text,
  facts,
}: {
  item: Pick<ProposalSummary, "id" | "title" | "kind" | "decider" | "cell" | "links"> & {
    status: ProposalSummary["status"];
  };
  text?: string;
  facts: string[];
}) {
  const { t } = useTranslation("decisions");
  return (
    <Card withBorder component="li" padding="sm">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Anchor component={RouterLink} to={`/decisions/${item.id}`} fw={600}>
            {item.title}
          </Anchor>
          <StatusBadge kind={item.kind} status={item.status} />
          <KindBadge kind={item.kind} />
        </Group>
        {text && (
          <Text size="sm" className="decision-text" lineClamp={3}>
            {text}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {[t("decisions:log.decider", { name: item.decider.name }), ...facts, item.cell?.name]
            .filter(Boolean)
            .join(" · ")}
        </Text>
        {item.links.length > 0 && <LinkList links={item.links} />}
      </Stack>
    </Card>
  );
}

function OpenList({ filter }: { filter: { kind?: string; linkType?: string; linkId?: string } }) {
  const { t } = useTranslation("decisions");
  const open = useOpenProposals(filter);
  return (
    <PagedList
      read={open}
      label={t("decisions:log.openTab")}
      empty={t("decisions:log.noneOpen")}
      loadMore={t("decisions:log.loadMore")}
      className="decision-links"
    >
      {(item) => <OpenRow key={item.id} item={item} />}
    </PagedList>
  );
}

function OpenRow({ item }: { item: ProposalSummary }) {
  const { t } = useTranslation("decisions");
  return (
    <ProposalRow
      item={item}
      facts={[
        t("decisions:log.proposedOn", { date: formatDate(item.createdAt) }),
        t("decisions:log.advice", { count: item.adviceCount, countText: formatNumber(item.adviceCount) }),
      ]}
    />
  );
}
