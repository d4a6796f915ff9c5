import type { ReactNode } from "react";

/**
 * Lets a wide table scroll sideways on a phone. The region is focusable and named so keyboard users
 * can scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      <div style={{ minWidth }}>{children}</div>
    </section>
  );
}
