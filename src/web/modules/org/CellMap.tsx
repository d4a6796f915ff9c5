import type { KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Cell } from "../../../shared/org.ts";
import { CENTRE, CORE_RADIUS, layoutCellMap, MARKET_RADIUS, PEACH_RADIUS, VIEW } from "./cellMapLayout.ts";

// Colours checked for contrast: dark labels on the light peach, white counts on the dark centre nodes.
const COLOURS = {
  market: "#f1f3f5",
  peach: "#fde3cf",
  core: "#f6b98f",
  peripheryNode: "#ffffff",
  peripheryStroke: "#b3541e",
  centreNode: "#7a2e0e",
  label: "#2b1608",
  marketLabel: "#343a40",
};

type Props = {
  cells: Cell[];
  selectedId: string | null;
  onSelect: (cellId: string) => void;
  onHover: (cellId: string | null) => void;
};

/** The BetaCodex peach: periphery cells on the outer ring facing the market, centre cells inside. */
export function CellMap({ cells, selectedId, onSelect, onHover }: Props) {
  const { t } = useTranslation();
  const nodes = layoutCellMap(cells.map((c) => ({ ...c, memberCount: c.members.length })));
  const market = t("map.market");
  const ring = `M ${CENTRE} ${CENTRE - MARKET_RADIUS} a ${MARKET_RADIUS} ${MARKET_RADIUS} 0 1 1 0 ${2 * MARKET_RADIUS} a ${MARKET_RADIUS} ${MARKET_RADIUS} 0 1 1 0 ${-2 * MARKET_RADIUS}`;

  const onKeyDown = (cellId: string) => (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelect(cellId);
    }
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; the group role names the map.
    <svg
      className="cell-map-svg"
      viewBox={`0 0 ${VIEW} ${VIEW}`}
      role="group"
      aria-label={t("map.svgLabel", { count: cells.length })}
      aria-describedby="cell-map-help"
    >
      <desc id="cell-map-help">{t("map.svgHelp")}</desc>
      <circle cx={CENTRE} cy={CENTRE} r={VIEW / 2 - 2} fill={COLOURS.market} />
      <path id="market-ring" d={ring} fill="none" />
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: decorative repeated label; text is not focusable. */}
      <text fill={COLOURS.marketLabel} fontSize="26" fontWeight="700" letterSpacing="4" aria-hidden="true">
        {[0, 25, 50, 75].map((offset) => (
          <textPath key={offset} href="#market-ring" startOffset={`${offset + 11}%`}>
            {market.toUpperCase()}
          </textPath>
        ))}
      </text>
      <circle cx={CENTRE} cy={CENTRE} r={PEACH_RADIUS} fill={COLOURS.peach} />
      <circle cx={CENTRE} cy={CENTRE} r={CORE_RADIUS} fill={COLOURS.core} />
      {nodes.map((node) => {
        const isCentre = node.kind === "centre";
        const countSize = Math.max(11, Math.min(node.r * 0.8, 30));
        return (
          // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; the group carries the button role.
          <g
            key={node.id}
            className="cell-node"
            role="button"
            tabIndex={0}
            aria-pressed={selectedId === node.id}
            aria-label={t("map.nodeLabel", {
              name: node.name,
              kind: t(`cells.kind.${node.kind}`),
              count: node.memberCount,
            })}
            onClick={() => onSelect(node.id)}
            onKeyDown={onKeyDown(node.id)}
            onMouseEnter={() => onHover(node.id)}
            onMouseLeave={() => onHover(null)}
            onFocus={() => onHover(node.id)}
            onBlur={() => onHover(null)}
          >
            <title>{node.name}</title>
            <circle
              className="cell-node-circle"
              cx={node.x}
              cy={node.y}
              r={node.r}
              fill={isCentre ? COLOURS.centreNode : COLOURS.peripheryNode}
              stroke={isCentre ? COLOURS.centreNode : COLOURS.peripheryStroke}
              strokeWidth={2}
            />
            {node.r >= 12 && (
              <text
                x={node.x}
                y={node.y}
                dy="0.35em"
                textAnchor="middle"
                fontSize={countSize}
                fontWeight="700"
                fill={isCentre ? "#ffffff" : COLOURS.label}
              >
                {node.memberCount}
              </text>
            )}
            <text
              x={node.labelX}
              y={node.labelY}
              dy={node.labelRotation ? "0.35em" : undefined}
              textAnchor={node.labelAnchor}
              fontSize={node.fontSize}
              fontWeight="600"
              fill={COLOURS.label}
              transform={
                node.labelRotation ? `rotate(${node.labelRotation} ${node.labelX} ${node.labelY})` : undefined
              }
            >
              {node.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
