/** The product mark: the BetaCodex peach, periphery around a small centre. Decorative. */
export function PeachMark({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="30" fill="#f4a97f" />
      <circle cx="32" cy="32" r="13" fill="#8a3b12" />
    </svg>
  );
}
