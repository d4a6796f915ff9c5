/**
 * CSV as the CRMs and spreadsheets write it (RFC 4180 and Excel's German variant): `,` or `;`
 * (detected from the header line, quoted parts ignored), optional UTF-8 BOM, CRLF or LF, quoted
 * fields with doubled quotes and embedded line breaks. Each record keeps the spreadsheet line it
 * starts on (header = 1), because that is what a person looks up when a row is reported.
 */

export type Delimiter = "," | ";";

export type CsvRecord = { line: number; cells: string[] };

export type ParsedCsv = { delimiter: Delimiter; headers: string[]; records: CsvRecord[] };

/** The delimiter that occurs more often outside quotes in the first line; `,` on a tie. */
export function detectDelimiter(text: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/** All records of the text, the header included; blank lines (a lone empty cell) are dropped. */
export function parseRecords(
  input: string,
  delimiter?: Delimiter,
): { delimiter: Delimiter; rows: CsvRecord[] } {
  const text = withoutBom(input);
  const sep = delimiter ?? detectDelimiter(text);
  return { delimiter: sep, rows: [...scanRecords(text, sep)] };
}

const withoutBom = (input: string) => (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);

/** The records one by one, so a large file can be read in slices (parseCsv). */
function* scanRecords(text: string, sep: Delimiter): Generator<CsvRecord> {
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let cellStarted = false;
  const endRecord = (): CsvRecord | null => {
    cells.push(withoutFormulaGuard(cell));
    const record = cells.length === 1 && cells[0] === "" && !cellStarted ? null : { line: recordLine, cells };
    cells = [];
    cell = "";
    cellStarted = false;
    return record;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      cellStarted = true;
    } else if (ch === sep) {
      cells.push(withoutFormulaGuard(cell));
      cell = "";
      cellStarted = true;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      const record = endRecord();
      if (record) yield record;
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (cell !== "" || cells.length > 0 || cellStarted) {
    const record = endRecord();
    if (record) yield record;
  }
}

/**
 * Header plus records; header names are trimmed. A large file must not stop the server from
 * answering: `pause` is awaited after every record and decides itself when to yield.
 */
export async function parseCsv(input: string, pause?: () => Promise<void>): Promise<ParsedCsv> {
  const text = withoutBom(input);
  const delimiter = detectDelimiter(text);
  const rows: CsvRecord[] = [];
  for (const record of scanRecords(text, delimiter)) {
    rows.push(record);
    if (pause) await pause();
  }
  const [header, ...records] = rows;
  return { delimiter, headers: (header?.cells ?? []).map((h) => h.trim()), records };
}

/**
 * Spreadsheets run a cell that starts with = + - @ tab or CR as a formula (`=HYPERLINK(…)`,
 * `=cmd|' /C calc'!A0`): OWASP's CSV injection advice is a leading apostrophe, which they show as text.
 * Apostrophes already in front of such a cell get one more, so reading strips exactly one and every
 * value survives export → import unchanged.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
export const withFormulaGuard = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
const withoutFormulaGuard = (value: string) =>
  value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;

function quoteCell(value: string): string {
  // Both delimiters are quoted, so the header line always tells which one the file uses.
  return /["\r\n,;]/.test(value) || value === "" || value.startsWith("\uFEFF")
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

/**
 * One CSV line (no line break): formula cells guarded, cells quoted where needed, empty cells as `""` so
 * no line is blank.
 */
export function serializeRow(cells: string[], delimiter: Delimiter = ","): string {
  return cells.map((cell) => quoteCell(withFormulaGuard(cell))).join(delimiter);
}

/** RFC 4180: CRLF between records; `bom` for Excel, which otherwise reads UTF-8 as Windows-1252. */
export function serializeCsv(
  rows: string[][],
  options: { delimiter?: Delimiter; bom?: boolean } = {},
): string {
  const body = rows.map((r) => `${serializeRow(r, options.delimiter)}\r\n`).join("");
  return options.bom ? `\uFEFF${body}` : body;
}
