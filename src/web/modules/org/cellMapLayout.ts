import type { CellKind } from "../../../shared/org.ts";

/**
 * Geometry of the cell map, the BetaCodex "peach": periphery cells on an outer ring facing the
 * market, centre cells on an inner ring (or alone in the core). Pure, so it is tested without a DOM.
 * Node and font sizes shrink with the number of cells on a ring so 4 and 40 cells both stay legible.
 */
export const VIEW = 1000;
export const CENTRE = VIEW / 2;
export const PEACH_RADIUS = 405;
export const CORE_RADIUS = 215;
export const MARKET_RADIUS = 462;
const PERIPHERY_RING = 318;
const CENTRE_RING = 135;

export type MapCellInput = { id: string; name: string; kind: CellKind; memberCount: number };

export type MapNode = {
  id: string;
  name: string;
  kind: CellKind;
  memberCount: number;
  x: number;
  y: number;
  r: number;
  fontSize: number;
  /** The name as shown, shortened with an ellipsis when it would collide with neighbours. */
  label: string;
  labelX: number;
  labelY: number;
  /** Degrees; non-zero when labels run radially because a ring is crowded. */
  labelRotation: number;
  labelAnchor: "start" | "middle" | "end";
};

export function truncate(name: string, maxChars: number): string {
  const chars = Array.from(name);
  if (chars.length <= maxChars) return name;
  return `${chars
    .slice(0, Math.max(1, maxChars - 1))
    .join("")
    .trimEnd()}…`;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
/** Average glyph width relative to font size for the UI's sans-serif font. */
const GLYPH = 0.56;

function layoutRing(
  cells: MapCellInput[],
  ringRadius: number,
  maxRadius: number,
  radialLabelsFrom: number,
  outerLimit: number,
  maxMembers: number,
  loneInCore: boolean,
): MapNode[] {
  const n = cells.length;
  if (n === 0) return [];
  const radius = n === 1 && loneInCore ? 0 : ringRadius;
  const spacing = n === 1 ? maxRadius * 4 : 2 * radius * Math.sin(Math.PI / n);
  const rMax = clamp(spacing * 0.42, 8, maxRadius);
  const radial = n >= radialLabelsFrom;
  const labelWidth = Math.min(spacing * 0.95, 260);
  // Horizontal labels get a font small enough for about ten characters between neighbours.
  const fontSize = clamp(
    radial ? rMax * 0.6 : Math.min(rMax * 0.5, labelWidth / (10 * GLYPH)),
    radial ? 14 : 12,
    24,
  );

  return cells.map((cell, i) => {
    // Start at the top and go clockwise; angle 0 points up.
    const angle = n === 1 ? 0 : (2 * Math.PI * i) / n;
    const sin = Math.sin(angle);
    const cos = Math.cos(angle);
    const x = CENTRE + radius * sin;
    const y = CENTRE - radius * cos;
    const r = rMax * (0.6 + 0.4 * Math.sqrt(cell.memberCount / Math.max(1, maxMembers)));

    if (!radial) {
      return {
        ...cell,
        x,
        y,
        r,
        fontSize,
        label: truncate(cell.name, Math.max(4, Math.floor(labelWidth / (fontSize * GLYPH)))),
        labelX: x,
        labelY: y + r + fontSize * 1.1,
        labelRotation: 0,
        labelAnchor: "middle",
      };
    }
    const start = radius + r + 6;
    const length = outerLimit - start;
    const degrees = (angle * 180) / Math.PI;
    const onLeft = sin < -1e-9;
    return {
      ...cell,
      x,
      y,
      r,
      fontSize,
      label: truncate(cell.name, Math.max(4, Math.floor(length / (fontSize * GLYPH)))),
      labelX: CENTRE + start * sin,
      labelY: CENTRE - start * cos,
      // Text runs outward along the radius, flipped on the left half so it never reads upside down.
      labelRotation: onLeft ? degrees + 90 : degrees - 90,
      labelAnchor: onLeft ? "end" : "start",
    };
  });
}

export function layoutCellMap(cells: MapCellInput[]): MapNode[] {
  const maxMembers = Math.max(1, ...cells.map((c) => c.memberCount));
  const periphery = cells.filter((c) => c.kind === "periphery");
  const centre = cells.filter((c) => c.kind === "centre");
  return [
    // A lone periphery cell still faces the market; a lone centre cell sits in the core.
    ...layoutRing(periphery, PERIPHERY_RING, 62, 13, MARKET_RADIUS + 30, maxMembers, false),
    ...layoutRing(centre, CENTRE_RING, 52, 9, PERIPHERY_RING - 40, maxMembers, true),
  ];
}
