import { Alert, Anchor, Button, Grid, Group, List, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Cell } from "../../../shared/org.ts";
import { formatNumber } from "../../ui/format.ts";
import { CellMap } from "./CellMap.tsx";
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
              <CellMap
                cells={cells.data}
                selectedId={selectedId}
                onSelect={(id) => setSelectedId((current) => (current === id ? null : id))}
                onHover={setHoveredId}
              />
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
