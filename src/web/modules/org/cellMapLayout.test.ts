import { describe, expect, it } from "vitest";
import { CENTRE, layoutCellMap, type MapCellInput, truncate } from "./cellMapLayout.ts";

const cells = (n: number, kind: "periphery" | "centre", name = "Cell"): MapCellInput[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${kind}-${i}`,
    name: `${name} ${i}`,
    kind,
    memberCount: i % 7,
  }));

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);

describe("cell map layout", () => {
  it("puts periphery cells outside the centre cells", () => {
    const nodes = layoutCellMap([...cells(4, "periphery"), ...cells(2, "centre")]);
    const periphery = nodes
      .filter((n) => n.kind === "periphery")
      .map((n) => distance(n, { x: CENTRE, y: CENTRE }));
    const centre = nodes.filter((n) => n.kind === "centre").map((n) => distance(n, { x: CENTRE, y: CENTRE }));
    expect(Math.min(...periphery)).toBeGreaterThan(Math.max(...centre) + 100);
  });

  it("keeps a single periphery cell on the outer ring", () => {
    const [node] = layoutCellMap(cells(1, "periphery"));
    expect(distance(node, { x: CENTRE, y: CENTRE })).toBeGreaterThan(250);
  });

  it("places a single centre cell in the core", () => {
    const [node] = layoutCellMap(cells(1, "centre"));
    expect(node.x).toBeCloseTo(CENTRE);
    expect(node.y).toBeCloseTo(CENTRE);
  });

  it.each([4, 12, 40])("keeps %i periphery nodes from overlapping", (n) => {
    const nodes = layoutCellMap(cells(n, "periphery"));
    for (let i = 0; i < nodes.length; i++) {
      const next = nodes[(i + 1) % nodes.length];
      expect(distance(nodes[i], next)).toBeGreaterThan(nodes[i].r + next.r);
    }
    expect(Math.min(...nodes.map((node) => node.fontSize))).toBeGreaterThanOrEqual(12);
  });

  it("turns labels radial on a crowded ring and keeps them upright", () => {
    const nodes = layoutCellMap(cells(40, "periphery"));
    expect(nodes.every((node) => node.labelRotation !== 0 || node.labelAnchor === "start")).toBe(true);
    for (const node of nodes) {
      const normalised = ((node.labelRotation % 360) + 360) % 360;
      expect(normalised <= 90 || normalised >= 270).toBe(true);
    }
  });

  it("sizes nodes by member count", () => {
    const nodes = layoutCellMap([
      { id: "a", name: "A", kind: "periphery", memberCount: 1 },
      { id: "b", name: "B", kind: "periphery", memberCount: 9 },
    ]);
    expect(nodes[1].r).toBeGreaterThan(nodes[0].r);
  });

  it("shortens long names with an ellipsis", () => {
    expect(truncate("Key Accounts Süddeutschland und Österreich", 12)).toBe("Key Account…");
    expect(truncate("Nord", 12)).toBe("Nord");
  });
});
