/**
 * The lead-time histogram, drawn by ECharts. Only LeadTimeFigure imports this file, with a dynamic
 * import(), so ECharts is its own chunk and loads when a distribution is first shown
 * (ARCHITECTURE.md: charts load lazily); modular `echarts/core` imports keep it to a bar chart.
 */
import { BarChart, type BarSeriesOption } from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import { type ComposeOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

// Mantine shades with 3:1 against white for marks, 4.5:1 for text.
const BAR = "#1864ab";
const INK = "#212529";
const MUTED = "#495057";

export type HistogramInput = { labels: string[]; counts: number[]; axisName: string };
export type HistogramHandle = { update(next: HistogramInput): void; resize(): void; dispose(): void };

const optionOf = (input: HistogramInput): Option => ({
  animation: false,
  textStyle: { color: INK, fontFamily: "inherit" },
  tooltip: { trigger: "axis" },
  grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
  xAxis: {
    type: "category",
    data: input.labels,
    name: input.axisName,
    nameLocation: "middle",
    nameGap: 28,
    // The last bucket's label ("112–126 days") ends at the chart's edge instead of past it on a phone.
    axisLabel: { color: MUTED, hideOverlap: true, alignMaxLabel: "right" },
  },
  yAxis: { type: "value", minInterval: 1, axisLabel: { color: MUTED } },
  series: [{ type: "bar", data: input.counts, itemStyle: { color: BAR }, barCategoryGap: "10%" }],
});

export function drawHistogram(element: HTMLElement, input: HistogramInput): HistogramHandle {
  const chart = init(element, undefined, { renderer: "svg" });
  chart.setOption(optionOf(input));
  return {
    update: (next) => chart.setOption(optionOf(next), { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}
