import { Alert, Anchor, Button, Grid, Group, List, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Cell } from "../../../shared/org.ts";
import { formatNumber } from "../../ui/format.ts";
import "../system/i18n.ts";
import "../system/system.css";
import { useFlows } from "../system/queries.ts";
import { CellMap } from "./CellMap.tsx";
import { layoutCellMap, VIEW } from "./cellMapLayout.ts";
import { KindBadge } from "./KindBadge.tsx";
import { useAllCells } from "./queries.ts";

export function CellMapPage() {
  const { t, i18n } = useTranslation();
  const cells = useAllCells();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [hoveredId, setHoveredId] = useState<string | null>(null);

  if (cells.isPending) return <Loader aria-label={t("common.loading")} />;
  if (cells.isError) return <Alert color="red">{cells.error.message}</Alert>;

  const shownId = hoveredId ?? selectedId;
  const shown = cells.data.find((c) => c.id === shownId) ?? null;
  const collator = new Intl.Collator(i18n.language, { numeric: true });
  // Periphery first, then centre; names in natural order ("Team 2" before "Team 10").
  const sorted = [...cells.data].sort(
    (a, b) => b.kind.localeCompare(a.kind) || collator.compare(a.name, b.name),
  );
  // A crowded map gets more width so its labels stay legible; the side panel moves below on smaller screens.
  const crowded = cells.data.length > 16;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("map.title")}</Title>
        <Button
          component={Link}
          to="/cells?new=1"
          leftSection={<IconPlus size={16} aria-hidden />}
          variant="light"
        >
          {t("cells.new")}
        </Button>
      </Group>
      <Text>{t("map.intro")}</Text>
      {cells.data.length === 0 ? (
        <Alert color="gray" title={t("map.emptyTitle")}>
          {t("map.emptyBody")}
        </Alert>
      ) : (
        <>
          <Grid>
            <Grid.Col span={crowded ? { base: 12, lg: 9 } : { base: 12, md: 8 }}>
              <div className="cell-map-flows-frame">
                <CellMap
                  cells={cells.data}
                  selectedId={selectedId}
                  onSelect={(id) => setSelectedId((current) => (current === id ? null : id))}
                  onHover={setHoveredId}
                />
                <FlowLines cells={cells.data} highlightId={shownId} />
              </div>
            </Grid.Col>
            <Grid.Col span={crowded ? { base: 12, lg: 3 } : { base: 12, md: 4 }}>
              <Paper
                withBorder
                p="md"
                component="section"
                aria-live="polite"
                aria-label={t("map.panelLabel")}
              >
                {shown ? <CellPanel cell={shown} /> : <Text>{t("map.panelHint")}</Text>}
              </Paper>
            </Grid.Col>
          </Grid>
          <FlowList cells={cells.data} />
          <section aria-labelledby="cell-list-title">
            <Title order={2} size="h3" id="cell-list-title" mb="xs">
              {t("map.listTitle")}
            </Title>
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
              {sorted.map((cell) => (
                <Paper component="li" key={cell.id} withBorder p="xs">
                  <Group gap="xs" justify="space-between">
                    <Anchor component={Link} to={`/cells/${cell.id}`} fw={600}>
                      {cell.name}
                    </Anchor>
                    <KindBadge kind={cell.kind} />
                  </Group>
                  <Text size="sm">
                    {cell.members.length === 0
                      ? t("cells.noMembers")
                      : `${t("cells.members")}: ${cell.members.map((m) => m.name).join(", ")}`}
                  </Text>
                </Paper>
              ))}
            </Stack>
          </section>
        </>
      )}
    </Stack>
  );
}

const FLOW_DAYS = 90;
const FLOW_COLOUR = "#1864ab";

/**
 * The flows of requests (issue 6): a line from each periphery cell to each centre cell it pulled
 * services from in the last 90 days, thicker for more. Drawn over the map in the same coordinates
 * (the map's layout is pure), without pointer events; the list below says the same in words.
 */
function FlowLines({ cells, highlightId }: { cells: Cell[]; highlightId: string | null }) {
  const flows = useFlows(FLOW_DAYS);
  const items = flows.data?.flows ?? [];
  if (items.length === 0) return null;
  const nodes = new Map(
    layoutCellMap(cells.map((c) => ({ ...c, memberCount: c.members.length }))).map((n) => [n.id, n]),
  );
  // A pair with fewer than k people asking has no count: drawn at the thinnest width.
  const most = Math.max(1, ...items.map((f) => f.requests ?? 0));
  return (
    <svg
      className="cell-map-flows"
      viewBox={`0 0 ${VIEW} ${VIEW}`}
      aria-hidden="true"
      focusable="false"
      data-testid="cell-map-flows"
    >
      {items.map((flow) => {
        const from = nodes.get(flow.fromCellId);
        const to = nodes.get(flow.toCellId);
        if (!from || !to) return null;
        const lit = highlightId === null || highlightId === from.id || highlightId === to.id;
        // From circle edge to circle edge, so the line never covers a cell's member count.
        const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
        const ux = (to.x - from.x) / length;
        const uy = (to.y - from.y) / length;
        return (
          <line
            key={`${flow.fromCellId}-${flow.toCellId}`}
            data-from={from.name}
            data-to={to.name}
            data-requests={flow.requests ?? "tooFewToShow"}
            x1={from.x + ux * from.r}
            y1={from.y + uy * from.r}
            x2={to.x - ux * to.r}
            y2={to.y - uy * to.r}
            stroke={FLOW_COLOUR}
            strokeOpacity={lit ? 0.55 : 0.12}
            strokeLinecap="butt"
            strokeWidth={2 + 12 * Math.sqrt((flow.requests ?? 0) / most)}
          />
        );
      })}
    </svg>
  );
}

function FlowList({ cells }: { cells: Cell[] }) {
  const { t } = useTranslation("system");
  const flows = useFlows(FLOW_DAYS);
  const name = (id: string) => cells.find((c) => c.id === id)?.name ?? "—";
  const items = [...(flows.data?.flows ?? [])].sort(
    (a, b) =>
      name(a.fromCellId).localeCompare(name(b.fromCellId)) ||
      name(a.toCellId).localeCompare(name(b.toCellId)),
  );
  if (flows.isPending || flows.isError) return null;
  return (
    <section aria-labelledby="cell-flows-title">
      <Title order={2} size="h3" id="cell-flows-title" mb="xs">
        {t("system:map.flowsTitle")}
      </Title>
      <Text size="sm" mb="xs">
        {t("system:map.flowsIntro", { count: FLOW_DAYS })}
      </Text>
      {items.length === 0 ? (
        <Text size="sm">{t("system:map.noFlows")}</Text>
      ) : (
        <List size="sm" spacing={2}>
          {items.map((flow) => (
            <List.Item key={`${flow.fromCellId}-${flow.toCellId}`}>
              {flow.requests === null
                ? t("system:map.flowTooFew", {
                    from: name(flow.fromCellId),
                    to: name(flow.toCellId),
                    k: flows.data?.minGroupSize,
                  })
                : t("system:map.flow", {
                    from: name(flow.fromCellId),
                    to: name(flow.toCellId),
                    count: flow.requests,
                    formatted: formatNumber(flow.requests),
                  })}
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}

function CellPanel({ cell }: { cell: Cell }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Title order={2} size="h4" style={{ wordBreak: "break-word" }}>
          {cell.name}
        </Title>
        <KindBadge kind={cell.kind} />
      </Group>
      {cell.purpose && <Text size="sm">{cell.purpose}</Text>}
      {cell.marketSlice && (
        <Text size="sm">
          <strong>{t("cells.marketSlice")}:</strong> {cell.marketSlice}
        </Text>
      )}
      <Text size="sm" fw={600}>
        {t("cells.memberCount", { count: cell.members.length, formatted: formatNumber(cell.members.length) })}
      </Text>
      {cell.members.length > 0 && (
        <List size="sm" spacing={2}>
          {cell.members.map((member) => (
            <List.Item key={member.id}>
              <Anchor component={Link} to={`/people/${member.id}`}>
                {member.name}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
      <Anchor component={Link} to={`/cells/${cell.id}`} size="sm">
        {t("map.openCell", { name: cell.name })}
      </Anchor>
    </Stack>
  );
}
