import {
  Button,
  Checkbox,
  Collapse,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAdjustmentsHorizontal } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Baseline, ChangeMarker, Figure, Grain } from "../../../shared/insights/figures.ts";
import { formatDay, formatPeriod } from "./format.ts";
import { chartSettingWrites, useChartSettingWrite } from "./queries.ts";

/**
 * The two things a cell may say about its own chart (domain.md §5.1): fix the baseline the limits come
 * from, and mark a known change to the system so new limits start there. Both are visible to everyone
 * and change the chart for everyone; neither hides a value.
 */
export function LimitsEditor({
  figure,
  grain,
  cellId,
  periods,
  markers,
  baseline,
}: {
  figure: Figure;
  grain: Grain;
  cellId: string | null;
  periods: string[];
  markers: ChangeMarker[];
  baseline: Baseline | null;
}) {
  const { t } = useTranslation("insights");
  const [opened, { toggle }] = useDisclosure(false);
  const panelId = useId();
  if (periods.length < 2) return null;
  return (
    <div>
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
        aria-expanded={opened}
        aria-controls={panelId}
        onClick={toggle}
      >
        {t("insights:limits.title")}
      </Button>
      <Collapse expanded={opened} id={panelId} keepMounted={false}>
        <Stack gap="md" pt="sm">
          <BaselineForm figure={figure} grain={grain} cellId={cellId} periods={periods} baseline={baseline} />
          <MarkerForm figure={figure} grain={grain} cellId={cellId} periods={periods} markers={markers} />
        </Stack>
      </Collapse>
    </div>
  );
}

function BaselineForm({
  figure,
  grain,
  cellId,
  periods,
  baseline,
}: {
  figure: Figure;
  grain: Grain;
  cellId: string | null;
  periods: string[];
  baseline: Baseline | null;
}) {
  const { t } = useTranslation("insights");
  const options = periods.map((period) => ({ value: period, label: formatPeriod(period, grain).label }));
  const [from, setFrom] = useState(
    baseline?.from && periods.includes(baseline.from) ? baseline.from : periods[0],
  );
  const [to, setTo] = useState(
    baseline?.to && periods.includes(baseline.to) ? baseline.to : periods[Math.min(periods.length - 1, 19)],
  );
  const fix = useChartSettingWrite(chartSettingWrites.fixBaseline, t("insights:limits.baselineSaved"));
  const clear = useChartSettingWrite(chartSettingWrites.clearBaseline, t("insights:limits.baselineCleared"));
  return (
    <Stack
      gap="xs"
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        fix.mutate({ cellId, figure, from, to });
      }}
    >
      <Title order={3} size="h5">
        {t("insights:limits.fixBaseline")}
      </Title>
      <Text size="sm">{t("insights:limits.baselineHelp")}</Text>
      {baseline && (
        <Text size="sm" fw={600}>
          {t("insights:chart.baseline")}: {formatDay(baseline.from)} – {formatDay(baseline.to)}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <NativeSelect
          label={t("insights:limits.from")}
          data={options}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <NativeSelect
          label={t("insights:limits.to")}
          data={options}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Group gap="sm">
        <Button type="submit" size="sm" loading={fix.isPending} disabled={from > to}>
          {t("insights:limits.saveBaseline")}
        </Button>
        {baseline && (
          <Button
            variant="default"
            size="sm"
            loading={clear.isPending}
            onClick={() => clear.mutate(baseline.id)}
          >
            {t("insights:limits.clearBaseline")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function MarkerForm({
  figure,
  grain,
  cellId,
  periods,
  markers,
}: {
  figure: Figure;
  grain: Grain;
  cellId: string | null;
  periods: string[];
  markers: ChangeMarker[];
}) {
  const { t } = useTranslation("insights");
  const options = periods
    .slice(1)
    .map((period) => ({ value: period, label: formatPeriod(period, grain).label }));
  const [at, setAt] = useState(options.at(-1)?.value ?? "");
  const [label, setLabel] = useState("");
  const [everyFigure, setEveryFigure] = useState(false);
  const add = useChartSettingWrite(
    chartSettingWrites.addMarker,
    t("insights:limits.changeSaved", {
      period: formatPeriod(at, grain).label,
    }),
  );
  const remove = useChartSettingWrite(chartSettingWrites.removeMarker, t("insights:limits.changeRemoved"));
  return (
    <Stack
      gap="xs"
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate(
          { cellId, figure: everyFigure ? null : figure, at, label: label.trim() },
          { onSuccess: () => setLabel("") },
        );
      }}
    >
      <Title order={3} size="h5">
        {t("insights:limits.addChange")}
      </Title>
      <Text size="sm">{t("insights:limits.changeHelp")}</Text>
      {markers.length > 0 && (
        <List size="sm" spacing={4}>
          {markers.map((marker) => (
            <List.Item key={marker.id}>
              <Group gap="xs" wrap="wrap">
                <span>
                  {formatDay(marker.at)}: {marker.label}
                </span>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-xs"
                  loading={remove.isPending && remove.variables === marker.id}
                  onClick={() => remove.mutate(marker.id)}
                >
                  {t("insights:limits.removeChange", { period: formatDay(marker.at) })}
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <NativeSelect
          label={t("insights:limits.changeAt")}
          data={options}
          value={at}
          onChange={(e) => setAt(e.currentTarget.value)}
        />
        <TextInput
          label={t("insights:limits.note")}
          value={label}
          maxLength={200}
          required
          onChange={(e) => setLabel(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Checkbox
        label={t("insights:limits.everyFigure")}
        checked={everyFigure}
        onChange={(e) => setEveryFigure(e.currentTarget.checked)}
      />
      <Group>
        <Button type="submit" size="sm" loading={add.isPending} disabled={!label.trim() || !at}>
          {t("insights:limits.saveChange")}
        </Button>
      </Group>
    </Stack>
  );
}
