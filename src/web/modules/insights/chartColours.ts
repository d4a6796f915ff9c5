/**
 * The colours of the charts, shared by the ECharts drawing and the HTML legend beside it. Mantine shades
 * that keep 4.5:1 (text) and 3:1 (lines and marks) on white; each mark also differs in shape or dash,
 * so nothing depends on colour alone.
 */
export const CHART_COLOURS = {
  ink: "#212529",
  muted: "#495057",
  value: "#1864ab",
  limit: "#c92a2a",
  centre: "#343a40",
  signal: "#d9480f",
  baseline: "rgba(24, 100, 171, 0.08)",
  gridLine: "#dee2e6",
} as const;

/** The font Mantine's theme uses (App.tsx), so ECharts measures its labels with the font it draws. */
export const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
