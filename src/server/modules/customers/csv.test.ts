import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv, parseRecords, serializeCsv } from "./csv.ts";

const cell = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.constantFrom(",", ";", '"', '""', "\n", "\r\n", "a,b;c", 'say "hi"', "Zürich ÄÖÜ ß", "😀", " x ", ""),
  // Formula starts (guarded on the way out) and values that already look guarded.
  fc.constantFrom(
    '=HYPERLINK("http://x","y")',
    "+49 40 123",
    "-5",
    "@SUM(A1)",
    "\tx",
    "\rx",
    "'=1",
    "''+2",
    "'a",
  ),
  fc
    .array(fc.constantFrom("a", ",", ";", '"', "\n", "\r", "ü", " "), { maxLength: 8 })
    .map((a) => a.join("")),
);

describe("CSV parser", () => {
  it("writes formula cells with a leading apostrophe (OWASP CSV injection) and reads them back as typed", () => {
    expect(serializeCsv([["=1+1", "@SUM(A1)", "-2+3", "+49 40", "Müller", "'=x"]])).toBe(
      "'=1+1,'@SUM(A1),'-2+3,'+49 40,Müller,''=x\r\n",
    );
    const dangerous = ['=HYPERLINK("http://evil.example","klick")', "=cmd|' /C calc'!A0", "\t=1", "\r=1"];
    const text = serializeCsv([dangerous], { delimiter: ";" });
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""klick"")"`);
    expect(text).toContain("'=cmd|' /C calc'!A0");
    expect(parseRecords(text).rows[0].cells).toEqual(dangerous);
  });

  it("reads back what the serializer wrote, under both delimiters, with and without BOM", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
          ),
        fc.constantFrom(",", ";" as const),
        fc.boolean(),
        (rows, delimiter, bom) => {
          const text = serializeCsv(rows, { delimiter: delimiter as "," | ";", bom });
          const parsed = parseRecords(text);
          expect(parsed.rows.map((r) => r.cells)).toEqual(rows);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("detects the delimiter from the header line, ignoring quoted parts", async () => {
    expect((await parseCsv('"a,b,c";d\n1;2\n')).delimiter).toBe(";");
    expect((await parseCsv('"a;b;c",d\n1,2\n')).delimiter).toBe(",");
    expect((await parseCsv("Name;Betrag\nA;1.234,56\n")).records[0].cells).toEqual(["A", "1.234,56"]);
  });

  it("strips a BOM, accepts CRLF and LF, ignores trailing empty lines", async () => {
    const parsed = await parseCsv("\uFEFFName,City\r\nA,Köln\r\nB,Bonn\n\n\r\n");
    expect(parsed.headers).toEqual(["Name", "City"]);
    expect(parsed.records.map((r) => r.cells)).toEqual([
      ["A", "Köln"],
      ["B", "Bonn"],
    ]);
  });

  it("numbers records by the spreadsheet line they start on, multi-line records included", async () => {
    const parsed = await parseCsv(
      'Name,Notes\nA,"line one\nline two\r\nline three"\nB,x\n\nC,"a ""quoted"" word"\n',
    );
    expect(parsed.records.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, "A"],
      [5, "B"],
      [7, "C"],
    ]);
    expect(parsed.records[0].cells[1]).toBe("line one\nline two\r\nline three");
    expect(parsed.records[2].cells[1]).toBe('a "quoted" word');
  });
});
