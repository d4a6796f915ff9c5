import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CellKind } from "../../../shared/org.ts";

// The map's colours; explicit pairs because Mantine's orange/grape light badges fall below 4.5:1.
const STYLE: Record<CellKind, { bg: string; c: string }> = {
  periphery: { bg: "#fde3cf", c: "#5c2408" },
  centre: { bg: "#7a2e0e", c: "#ffffff" },
};

export function KindBadge({ kind }: { kind: CellKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" bg={STYLE[kind].bg} c={STYLE[kind].c}>
      {t(`cells.kind.${kind}`)}
    </Badge>
  );
}
