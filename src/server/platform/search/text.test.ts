import { describe, expect, it } from "vitest";
import { documentStems, fold, highlight, plainText, queryPatterns, snippet } from "./text.ts";

/** Does the query match the document, as both engines decide it (every group, any stem, substring)? */
const matches = (query: string, text: string) => {
  const stems = documentStems(text);
  const groups = queryPatterns(query);
  return groups.length > 0 && groups.every((group) => group.some((stem) => stems.includes(stem)));
};

describe("search text", () => {
  it("folds case, umlauts and ß", () => {
    expect(fold("Öffentliche Straße")).toBe("offentliche strasse");
  });

  it("matches German inflections and the parts of compounds, in any order", () => {
    const text = "Rabattverhandlungen mit Stadtwerken";
    for (const query of [
      "Rabattverhandlung",
      "rabattverhandlungen",
      "Stadtwerk",
      "Stadtwerke",
      "Verhandlung Rabatt",
      "verhandeln",
    ])
      expect(matches(query, text), query).toBe(true);
  });

  it("finds the nouns of German verbs in -eln", () => {
    expect(matches("sammeln", "Die Sammlung der Vergabeunterlagen")).toBe(true);
    expect(matches("verhandelt", "Rabattverhandlungen")).toBe(true);
  });

  it("matches English forms of a word", () => {
    for (const query of ["negotiation discount", "negotiate", "discounted", "Negotiations"])
      expect(matches(query, "We were negotiating discounts"), query).toBe(true);
    expect(matches("pricing", "We were negotiating discounts")).toBe(false);
  });

  it("matches German transliterations (ae, oe, ue, ss) with umlauts and ß, both ways", () => {
    for (const [query, text] of [
      ["preiserhoehung", "Preiserhöhung zum Jahreswechsel"],
      ["Preiserhöhung", "Die Preiserhoehung kam spät"],
      ["mueller", "Müller GmbH"],
      ["Müller", "Mueller & Söhne"],
      ["strasse", "Hauptstraße 5"],
      ["Straße", "Hauptstrasse 5"],
      ["Zahlungsziele", "Zahlungsziel auf 30 Tage"],
      ["Qualitaetsmaengel", "Qualitätsmängel im Werk"],
    ])
      expect(matches(query, text), `${query} in ${text}`).toBe(true);
    expect(matches("mueller", "Miller Ltd")).toBe(false);
  });

  it("keeps only the shortest stems of a query word, drops words under three letters", () => {
    expect(queryPatterns("Verhandlungen")).toEqual([["verhandl"]]);
    expect(queryPatterns("ab in")).toEqual([]);
    expect(queryPatterns("Häuser")).toEqual([["haus"]]);
  });

  it("marks the matching words of a text and cuts a snippet around the first one", () => {
    const patterns = queryPatterns("Rabatt");
    expect(highlight("Rabatte bei Stadtwerken", patterns)).toEqual([
      { text: "Rabatte", hit: true },
      { text: " bei Stadtwerken", hit: false },
    ]);
    const long = `${"Vorher kommt sehr viel anderer Text. ".repeat(10)}Dann der Rabatt am Ende.`;
    const parts = snippet(long, patterns, 80);
    expect(parts[0]).toEqual({ text: "… ", hit: false });
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(["Rabatt"]);
    expect(snippet("Kurz.", [], 80)).toEqual([{ text: "Kurz.", hit: false }]);
  });

  it("reduces Markdown to its words", () => {
    expect(plainText("**Fett** und [Link](https://x.example) <b>html</b>\n# Titel")).toBe(
      "Fett und Link html Titel",
    );
  });
});
