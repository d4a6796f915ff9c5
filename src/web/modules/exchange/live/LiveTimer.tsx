import { Button, Group, Progress, Stack, Text, VisuallyHidden } from "@mantine/core";
import { IconPlayerPause, IconPlayerPlay } from "@tabler/icons-react";
import { memo, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Timer } from "../../../../shared/exchangeLive/protocol.ts";
import { formatNumber } from "../../../ui/format.ts";
import { countRender } from "./renderProbe.ts";

/** What is left of a shared timer at `now`: the server stores instants, every browser counts itself. */
export function remainingMs(timer: Timer, now: number): number {
  const running = timer.startedAt ? Math.max(0, now - Date.parse(timer.startedAt)) : 0;
  return timer.durationMs - timer.elapsedMs - running;
}

const clock = (ms: number) => {
  const total = Math.ceil(Math.abs(ms) / 1000);
  const text = `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
  return ms < 0 ? `−${text}` : text;
};

/** Minutes worth saying aloud: every minute in the last five, then the last 30 seconds and the end. */
function announcement(ms: number): number | "half" | "up" | null {
  if (ms <= 0) return "up";
  if (ms <= 30_000) return "half";
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 5 ? minutes : null;
}

/**
 * The shared timer: ticks each second on its own (nothing else re-renders), shown as m:ss and a bar.
 * Screen readers hear starts, stops and a few milestones through a polite live region, not every second.
 */
export const LiveTimer = memo(function LiveTimer({
  timer,
  label,
  canSteer,
  onStart,
  onStop,
}: {
  timer: Timer;
  label: string;
  canSteer: boolean;
  onStart?: () => void;
  onStop?: () => void;
}) {
  const { t } = useTranslation("exchange");
  const [now, setNow] = useState(() => Date.now());
  const running = Boolean(timer.startedAt);
  useEffect(() => {
    setNow(Date.now());
    if (!running) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [running]);
  countRender("timer");
  const left = remainingMs(timer, now);
  const milestone = running ? announcement(left) : null;
  const [spoken, setSpoken] = useState("");
  const lastMilestone = useRef<typeof milestone>(null);
  const lastRunning = useRef<boolean | null>(null);
  useEffect(() => {
    let text = "";
    if (lastRunning.current !== null && lastRunning.current !== running)
      text = running
        ? t("exchange:timer.started", { time: clock(left) })
        : t("exchange:timer.stopped", { time: clock(left) });
    else if (milestone !== lastMilestone.current && milestone !== null)
      text =
        milestone === "up"
          ? t("exchange:timer.up")
          : milestone === "half"
            ? t("exchange:timer.halfMinute")
            : t("exchange:timer.minutesLeft", { count: milestone, countText: formatNumber(milestone) });
    lastRunning.current = running;
    lastMilestone.current = milestone;
    if (text) setSpoken(text);
  }, [running, milestone, left, t]);
  const share = timer.durationMs > 0 ? Math.max(0, Math.min(100, (left / timer.durationMs) * 100)) : 0;
  return (
    <Stack gap={4} className="exchange-timer">
      <Group gap="sm" align="center" wrap="wrap">
        <Text
          component="span"
          role="timer"
          aria-label={label}
          fz={28}
          fw={700}
          ff="monospace"
          c={left <= 0 ? "red.8" : undefined}
          data-testid="timer"
          data-running={running ? "true" : "false"}
        >
          {clock(left)}
        </Text>
        <Text size="sm" c="dimmed">
          {running ? t("exchange:timer.running") : t("exchange:timer.paused")}
        </Text>
        {canSteer &&
          (running ? (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlayerPause aria-hidden="true" />}
              onClick={onStop}
            >
              {t("exchange:timer.stop")}
            </Button>
          ) : (
            <Button size="xs" leftSection={<IconPlayerPlay aria-hidden="true" />} onClick={onStart}>
              {t("exchange:timer.start")}
            </Button>
          ))}
      </Group>
      <Progress value={share} size="sm" aria-label={label} color={left <= 60_000 ? "orange" : "blue"} />
      <VisuallyHidden aria-live="polite" aria-atomic="true">
        {spoken}
      </VisuallyHidden>
    </Stack>
  );
});
