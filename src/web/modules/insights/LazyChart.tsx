import { Alert } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChartHandle, RadarInput, XmrInput } from "./echartsCharts.ts";

type Props = ({ kind: "xmr"; input: XmrInput } | { kind: "radar"; input: RadarInput }) & {
  /** What the picture says, for people who cannot see it; the data table says it in full. */
  label: string;
  height: number;
};

/**
 * A chart drawn by ECharts, which is loaded on first use (a dynamic import, its own chunk). The
 * drawing is one image to assistive technology, named by `label`; the numbers are in the data table.
 */
export function LazyChart(props: Props) {
  const { t } = useTranslation("insights");
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle | null>(null);
  const latest = useRef(props.input);
  latest.current = props.input;
  const [failed, setFailed] = useState(false);
  const { kind } = props;

  useEffect(() => {
    let cancelled = false;
    const target = element.current;
    if (!target) return;
    import("./echartsCharts.ts")
      .then((charts) => {
        if (cancelled) return;
        chart.current =
          kind === "xmr"
            ? charts.drawXmr(target, latest.current as XmrInput)
            : charts.drawRadar(target, latest.current as RadarInput);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(target);
    return () => {
      cancelled = true;
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [kind]);

  useEffect(() => {
    chart.current?.update(props.input);
  }, [props.input]);

  if (failed) {
    return (
      <Alert color="orange" variant="light">
        {t("insights:chart.failed")}
      </Alert>
    );
  }
  return (
    <div
      ref={element}
      role="img"
      aria-label={props.label}
      className="insights-chart"
      style={{ height: props.height }}
    />
  );
}
