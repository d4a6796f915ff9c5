import { useTranslation } from "react-i18next";
import type { PeerBand as Band } from "../../../shared/insights/figures.ts";
import type { CellKind } from "../../../shared/org.ts";

const BANDS: Band[] = ["lower", "middle", "upper"];

/**
 * Where a cell's latest value sits among the cells of its kind: lower values, middle or higher values.
 * A band on purpose — never a position number and never a list of cells in order (PRODUCT.md rule 2,
 * domain.md §2.5: noise is not ranked). The sentence carries the meaning; the strip only repeats it.
 */
export function PeerBand({ band, count, kind }: { band: Band | null; count: number; kind: CellKind }) {
  const { t } = useTranslation("insights");
  if (band === null) return <span>{t("insights:reading.band.tooFewPeers")}</span>;
  return (
    <span className="insights-band-wrap">
      <span className="insights-band" aria-hidden="true">
        {BANDS.map((part) => (
          <span key={part} className="insights-band-part" data-active={part === band || undefined}>
            {t(`insights:reading.band.${part}Part`)}
          </span>
        ))}
      </span>
      <span className="insights-band-text">
        {t(`insights:reading.band.${band}`, { count, kind: t(`insights:page.kind.${kind}`) })}
      </span>
    </span>
  );
}
