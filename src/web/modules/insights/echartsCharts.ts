/**
 * The only module that imports ECharts. Pages load it with a dynamic import(), so the chart code is
 * its own chunk and the first page of the app never waits for it (ARCHITECTURE.md: charts load
 * lazily). Modular `echarts/core` imports keep the chunk to what these two charts use. The SVG
 * renderer draws text as text, so the chart's marks stay crisp when zoomed and can be read by tests.
 */

import type { ScatterSeriesOption } from "echarts/charts";
import {
  LineChart,
  type LineSeriesOption,
  RadarChart,
  type RadarSeriesOption,
  ScatterChart,
} from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkAreaComponent,
  MarkLineComponent,
  RadarComponent,
  type RadarComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import { type ComposeOption, type EChartsType, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { CHART_COLOURS, CHART_FONT } from "./chartColours.ts";
import { type ChartView, RULE_MARK, type SignalRule, segmentLines } from "./chartModel.ts";

use([
  LineChart,
  ScatterChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  RadarComponent,
  TooltipComponent,
  SVGRenderer,
]);

type Option = ComposeOption<
  | LineSeriesOption
  | ScatterSeriesOption
  | RadarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | TooltipComponentOption
>;

const INK = CHART_COLOURS.ink;
const MUTED = CHART_COLOURS.muted;
const VALUE = CHART_COLOURS.value;
const LIMIT = CHART_COLOURS.limit;
const CENTRE = CHART_COLOURS.centre;
const SIGNAL = CHART_COLOURS.signal;
const BASELINE = CHART_COLOURS.baseline;
const GRID_LINE = CHART_COLOURS.gridLine;

export type XmrTexts = {
  values: string;
  centre: string;
  limits: string;
  movingRange: string;
  rangeCentre: string;
  rangeLimit: string;
  signal: string;
  baseline: string;
  limitsChange: string;
  tooFew: string;
};

export type ChartHandle = { update(next: unknown): void; resize(): void; dispose(): void };

function xmrOption(view: ChartView, texts: XmrTexts, format: (value: number) => string): Option {
  const labels = view.points.map((point) => point.shortLabel);
  const lineStyle = (color: string, type: "solid" | "dashed" = "solid") => ({ color, width: 1.5, type });
  const limitSeries = (
    name: string,
    lines: (number | null)[][],
    color: string,
    type: "solid" | "dashed",
    axis: number,
  ): LineSeriesOption[] =>
    lines.map((data) => ({
      type: "line",
      name,
      data,
      xAxisIndex: axis,
      yAxisIndex: axis,
      symbol: "none",
      silent: true,
      connectNulls: false,
      lineStyle: lineStyle(color, type),
      itemStyle: { color },
      z: 1,
    }));

  const valueSignals = view.points.flatMap((point, index) =>
    point.signals.length && point.value !== null
      ? [{ value: [index, point.value], rules: point.signals }]
      : [],
  );
  const rangeSignals = view.points.flatMap((point, index) =>
    point.rangeSignal && point.movingRange !== null ? [{ value: [index, point.movingRange] }] : [],
  );
  const marks = (rules: SignalRule[]) => rules.map((rule) => RULE_MARK[rule]).join(" ");

  const values: LineSeriesOption = {
    type: "line",
    name: texts.values,
    data: view.points.map((point) => point.value),
    connectNulls: false,
    symbol: "circle",
    symbolSize: 6,
    lineStyle: lineStyle(VALUE),
    itemStyle: { color: VALUE },
    z: 3,
    markArea: view.segments.length
      ? {
          silent: true,
          itemStyle: { color: BASELINE },
          label: { show: true, position: "insideTop", color: MUTED, formatter: texts.baseline },
          data: view.segments.map((segment) => [
            { xAxis: segment.baselineStart },
            { xAxis: segment.baselineEnd },
          ]),
        }
      : undefined,
    markLine: view.changes.length
      ? {
          silent: true,
          symbol: "none",
          lineStyle: { color: MUTED, type: "dotted", width: 1.5 },
          label: { show: true, position: "insideEndTop", color: INK, formatter: texts.limitsChange },
          data: view.changes.map((index) => ({ xAxis: index })),
        }
      : undefined,
  };

  return {
    animation: false,
    textStyle: { color: INK, fontFamily: CHART_FONT },
    // The legend is HTML beside the chart (ChartLegend): it wraps on a phone instead of covering the plot.
    legend: { show: false },
    tooltip: {
      trigger: "axis",
      valueFormatter: (value) => (typeof value === "number" ? format(value) : texts.tooFew),
    },
    axisPointer: { link: [{ xAxisIndex: "all" }] },
    grid: [
      { left: 8, right: 16, top: 24, height: "56%", containLabel: true },
      { left: 8, right: 16, top: "72%", bottom: 8, containLabel: true },
    ],
    xAxis: [0, 1].map((gridIndex) => ({
      type: "category",
      gridIndex,
      data: labels,
      boundaryGap: false,
      axisLabel: { color: MUTED, hideOverlap: true, show: gridIndex === 1 },
      axisLine: { lineStyle: { color: MUTED } },
    })),
    yAxis: [0, 1].map((gridIndex) => ({
      type: "value",
      gridIndex,
      scale: gridIndex === 0,
      name: gridIndex === 1 ? texts.movingRange : undefined,
      nameTextStyle: { color: MUTED, align: "left" },
      splitNumber: gridIndex === 1 ? 2 : 4,
      axisLabel: { color: MUTED, formatter: (value: number) => format(value) },
      splitLine: { lineStyle: { color: GRID_LINE } },
    })),
    series: [
      values,
      ...limitSeries(
        texts.centre,
        segmentLines(view, (s) => s.centre),
        CENTRE,
        "solid",
        0,
      ),
      ...limitSeries(
        texts.limits,
        segmentLines(view, (s) => s.upper),
        LIMIT,
        "dashed",
        0,
      ),
      ...limitSeries(
        texts.limits,
        segmentLines(view, (s) => s.lower),
        LIMIT,
        "dashed",
        0,
      ),
      {
        type: "scatter",
        name: texts.signal,
        data: valueSignals,
        symbol: "diamond",
        symbolSize: 16,
        itemStyle: { color: SIGNAL, borderColor: "#fff", borderWidth: 1 },
        label: {
          show: true,
          position: "top",
          color: INK,
          fontWeight: "bold",
          formatter: (item) => marks((item.data as { rules: SignalRule[] }).rules),
        },
        tooltip: { show: false },
        z: 4,
      },
      {
        type: "line",
        name: texts.movingRange,
        data: view.points.map((point) => point.movingRange),
        xAxisIndex: 1,
        yAxisIndex: 1,
        connectNulls: false,
        symbol: "circle",
        symbolSize: 4,
        lineStyle: lineStyle(MUTED),
        itemStyle: { color: MUTED },
        z: 3,
      },
      ...limitSeries(
        texts.rangeCentre,
        segmentLines(view, (s) => s.mrCentre),
        CENTRE,
        "solid",
        1,
      ),
      ...limitSeries(
        texts.rangeLimit,
        segmentLines(view, (s) => s.mrUpper),
        LIMIT,
        "dashed",
        1,
      ),
      {
        type: "scatter",
        name: texts.signal,
        data: rangeSignals,
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbol: "diamond",
        symbolSize: 14,
        itemStyle: { color: SIGNAL, borderColor: "#fff", borderWidth: 1 },
        label: {
          show: true,
          position: "top",
          color: INK,
          fontWeight: "bold",
          formatter: RULE_MARK.rangeBeyondLimit,
        },
        tooltip: { show: false },
        z: 4,
      },
    ],
  };
}

function mount(element: HTMLElement, option: Option): { chart: EChartsType } {
  const chart = init(element, undefined, { renderer: "svg" });
  chart.setOption(option);
  return { chart };
}

function handle(chart: EChartsType, build: (next: unknown) => Option): ChartHandle {
  return {
    update: (next) => chart.setOption(build(next), { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}

export type XmrInput = { view: ChartView; texts: XmrTexts; format: (value: number) => string };

/** Draws the X chart above its moving-range chart, sharing the period axis. */
export function drawXmr(element: HTMLElement, input: XmrInput): ChartHandle {
  const { chart } = mount(element, xmrOption(input.view, input.texts, input.format));
  return handle(chart, (next) => {
    const { view, texts, format } = next as XmrInput;
    return xmrOption(view, texts, format);
  });
}

export type RadarSeries = { name: string; values: (number | null)[]; dashed?: boolean };
export type RadarInput = { axes: string[]; series: RadarSeries[]; format: (value: number) => string };

const RADAR_COLOURS = [VALUE, SIGNAL, "#2b8a3e", "#5f3dc4"];

/** Below this chart width the twelve law names no longer fit around a 62 % radar (a 375 px phone). */
const NARROW_RADAR = 520;

function radarOption(input: RadarInput): Option {
  return {
    baseOption: radarBaseOption(input),
    media: [{ query: { maxWidth: NARROW_RADAR }, option: NARROW_RADAR_OPTION }],
  };
}

// On a phone the radar shrinks and long law names break onto two lines, so no name is cut off at the
// card's edge; ECharts re-applies this on every resize.
const NARROW_RADAR_OPTION: Option = {
  radar: {
    radius: "28%",
    axisName: { fontSize: 10, formatter: (name?: string) => wrapWords(name ?? "", 12) },
  },
};

/** Puts words on lines of at most `width` characters (a longer word keeps its own line). */
function wrapWords(text: string, width: number): string {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join("\n");
}

function radarBaseOption(input: RadarInput): Option {
  return {
    animation: false,
    textStyle: { color: INK, fontFamily: CHART_FONT },
    legend: { bottom: 0, textStyle: { color: INK }, selectedMode: false },
    tooltip: { trigger: "item" },
    radar: {
      // 1 = Alpha in the middle, 5 = Beta at the rim.
      indicator: input.axes.map((name) => ({ name, min: 1, max: 5 })),
      radius: "62%",
      splitNumber: 4,
      axisName: { color: INK, fontSize: 11 },
      splitLine: { lineStyle: { color: GRID_LINE } },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        type: "radar",
        data: input.series.map((series, index) => ({
          name: series.name,
          // ECharts draws a missing value as the centre; "-" leaves the spoke empty.
          value: series.values.map((value) => value ?? "-") as number[],
          symbolSize: 5,
          lineStyle: {
            color: RADAR_COLOURS[index % RADAR_COLOURS.length],
            type: series.dashed ? "dashed" : "solid",
            width: 2,
          },
          itemStyle: { color: RADAR_COLOURS[index % RADAR_COLOURS.length] },
          areaStyle: index === 0 ? { color: "rgba(24, 100, 171, 0.12)" } : undefined,
        })),
      },
    ],
  };
}

/** Draws the Beta check radar: the twelve laws as spokes, 1 (Alpha) at the centre to 5 (Beta). */
export function drawRadar(element: HTMLElement, input: RadarInput): ChartHandle {
  const { chart } = mount(element, radarOption(input));
  return handle(chart, (next) => radarOption(next as RadarInput));
}
