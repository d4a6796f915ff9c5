import { CHART_COLOURS } from "./chartColours.ts";

export type LegendMark = "series" | "line" | "dashed" | "diamond" | "area" | "dotted";
export type LegendItem = { label: string; mark: LegendMark; colour: string };

function Swatch({ mark, colour }: { mark: LegendMark; colour: string }) {
  return (
    <svg width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" focusable="false">
      {mark === "area" && (
        <rect x="1" y="1" width="26" height="12" fill={CHART_COLOURS.baseline} stroke={colour} />
      )}
      {mark === "diamond" && <path d="M14 1 L21 7 L14 13 L7 7 Z" fill={colour} />}
      {(mark === "series" || mark === "line" || mark === "dashed" || mark === "dotted") && (
        <line
          x1="1"
          y1="7"
          x2="27"
          y2="7"
          stroke={colour}
          strokeWidth="2"
          strokeDasharray={mark === "dashed" ? "5 3" : mark === "dotted" ? "2 2" : undefined}
        />
      )}
      {mark === "series" && <circle cx="14" cy="7" r="3" fill={colour} />}
    </svg>
  );
}

/** The chart's legend as HTML: it wraps on a phone, and its text reads like the rest of the page. */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="insights-legend">
      {items.map((item) => (
        <li key={item.label}>
          <Swatch mark={item.mark} colour={item.colour} />
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}
