/**
 * Counts renders of the parts of a live board, for the browser journey that measures how much of a
 * 30-person board re-renders per event (issue 5, acceptance 6). Off unless a test installs
 * `window.__exchangeRenders = {}` before the page loads; then each part adds one per render under its key.
 */
type Probe = Record<string, number>;

export function countRender(key: string): void {
  const probe = (window as unknown as { __exchangeRenders?: Probe }).__exchangeRenders;
  if (probe) probe[key] = (probe[key] ?? 0) + 1;
}
