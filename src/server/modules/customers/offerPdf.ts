/**
 * The offer letter as a PDF, drawn on the server with pdfkit (pure JavaScript; no browser on the
 * server). A4 in DIN 5008 form B: the sender line and the address in the window of a DL envelope
 * (left 25 mm, from 45 mm), the information block to the right, fold marks at 105 and 210 mm and the
 * hole mark at 148.5 mm. What the letter says comes from offerLetter.ts.
 *
 * Fonts: the PDF standard fonts (Helvetica), which every reader has and which need no file; their
 * encoding (WinAnsi) holds German, the other western European languages, € and typographic quotes.
 * Other letters lose their accents where the base letter exists (ő → o); the rest become "?" (ł, Cyrillic)
 * — the limit of a letter without an embedded font file.
 */
import PDFDocument from "pdfkit";
import type { Letterhead, Offer } from "../../../shared/customers/offers.ts";
import { type LetterLine, letterTexts, offerLetter } from "./offerLetter.ts";
import { dayOf } from "./offerQueries.ts";

const mm = (value: number) => value * 2.834_645_7;
const LEFT = mm(25);
const WIDTH = mm(165);
/** Below this the footer starts; rows that do not fit go to the next page. */
const BOTTOM = mm(270);
const GREY = "#555555";
const RULE = "#999999";

/** The characters WinAnsi holds beyond Latin-1 (0xA0–0xFF) and ASCII. */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const writable = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
};

/** Text the standard fonts can draw: accents dropped where the base letter exists, "?" otherwise. */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text.replace(/[\u202f\u2009]/g, "\u00a0").replace(/\t/g, " ")) {
    if (char === "\n" || writable(char)) out += char;
    else {
      const base = char.normalize("NFD").replace(/\p{M}/gu, "");
      out += [...base].every(writable) && base.length > 0 ? base : "?";
    }
  }
  return out;
}

type Doc = InstanceType<typeof PDFDocument>;

const COLUMNS: { key: keyof LetterLine; width: number; align: "left" | "right" }[] = [
  { key: "position", width: mm(12), align: "left" },
  { key: "description", width: mm(61), align: "left" },
  { key: "quantity", width: mm(18), align: "right" },
  { key: "unitPrice", width: mm(26), align: "right" },
  { key: "discount", width: mm(18), align: "right" },
  { key: "total", width: mm(30), align: "right" },
];
const CELL_PAD = mm(1.2);

function rowHeight(doc: Doc, row: LetterLine): number {
  return Math.max(
    ...COLUMNS.map(({ key, width }) =>
      doc.heightOfString(toWinAnsi(row[key]), { width: width - 2 * CELL_PAD }),
    ),
  );
}

function drawRow(doc: Doc, row: LetterLine, y: number, bold: boolean): number {
  doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
  const height = rowHeight(doc, row) + 2 * CELL_PAD;
  let x = LEFT;
  for (const { key, width, align } of COLUMNS) {
    doc.text(toWinAnsi(row[key]), x + CELL_PAD, y + CELL_PAD, { width: width - 2 * CELL_PAD, align });
    x += width;
  }
  doc
    .moveTo(LEFT, y + height)
    .lineTo(LEFT + WIDTH, y + height)
    .lineWidth(bold ? 0.8 : 0.3)
    .strokeColor(RULE)
    .stroke();
  return y + height;
}

/** Starts a new page when `height` does not fit below `y`; returns where to go on. */
function ensureRoom(doc: Doc, y: number, height: number): number {
  if (y + height <= BOTTOM) return y;
  doc.addPage({ size: "A4", margin: 0 });
  return mm(25);
}

function drawFoldMarks(doc: Doc) {
  doc.lineWidth(0.5).strokeColor(RULE);
  for (const [y, length] of [
    [105, 5],
    [148.5, 8],
    [210, 5],
  ] as const) {
    doc
      .moveTo(mm(3), mm(y))
      .lineTo(mm(3 + length), mm(y))
      .stroke();
  }
}

/** The whole letter as PDF bytes. `now` dates a draft (a sent offer keeps its sending day). */
export async function renderOfferPdf(offer: Offer, letterhead: Letterhead, now: Date): Promise<Buffer> {
  const letter = offerLetter(offer, letterhead, dayOf(now));
  const t = letterTexts(letter.language);
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    bufferPages: true,
    lang: letter.language === "de" ? "de-DE" : "en-GB",
    info: {
      Title: toWinAnsi(letter.subject),
      Author: toWinAnsi(letterhead.companyName),
      Creator: "Periphery",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  // Letterhead: the sender's name and address, top right.
  if (letter.sender.name) {
    doc
      .font("Helvetica-Bold")
      .fontSize(14)
      .fillColor("#000000")
      .text(toWinAnsi(letter.sender.name), LEFT, mm(15), { width: WIDTH, align: "right" });
  }
  doc.font("Helvetica").fontSize(8.5).fillColor(GREY);
  for (const line of letter.sender.addressLines) doc.text(toWinAnsi(line), { width: WIDTH, align: "right" });

  // Address field (form B, 45–90 mm): the sender line in the additions zone, then the address.
  if (letter.senderLine) {
    doc
      .font("Helvetica")
      .fontSize(7)
      .fillColor(GREY)
      .text(toWinAnsi(letter.senderLine), LEFT, mm(57), {
        width: mm(80),
        lineBreak: false,
        ellipsis: true,
        underline: true,
      });
  }
  doc.font("Helvetica").fontSize(10).fillColor("#000000");
  doc.text(toWinAnsi(letter.address.join("\n")), LEFT, mm(63), { width: mm(80), lineGap: 1 });

  // Information block, right of the address field.
  let infoY = mm(50);
  for (const [label, value] of letter.info) {
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor(GREY)
      .text(toWinAnsi(label), mm(125), infoY, { width: mm(32) });
    doc.font("Helvetica").fontSize(9).fillColor("#000000");
    doc.text(toWinAnsi(value), mm(157), infoY, { width: mm(43) });
    infoY = Math.max(doc.y, infoY + mm(4.5)) + mm(0.5);
  }
  drawFoldMarks(doc);

  // Subject, greeting, intro.
  let y = Math.max(mm(103.4), infoY + mm(6));
  doc.font("Helvetica-Bold").fontSize(11).fillColor("#000000");
  doc.text(toWinAnsi(letter.subject), LEFT, y, { width: WIDTH });
  y = doc.y + mm(6);
  doc.font("Helvetica").fontSize(10);
  doc.text(toWinAnsi(letter.greeting), LEFT, y, { width: WIDTH });
  y = doc.y + mm(3);
  doc.text(toWinAnsi(letter.intro), LEFT, y, { width: WIDTH });
  y = doc.y + mm(5);

  // Lines, with the column heads repeated on every page the table runs onto.
  y = drawRow(doc, letter.columns, y, true);
  for (const line of letter.lines) {
    doc.font("Helvetica").fontSize(9);
    const next = ensureRoom(doc, y, rowHeight(doc, line) + 2 * CELL_PAD);
    if (next !== y) y = drawRow(doc, letter.columns, next, true);
    y = drawRow(doc, line, y, false);
  }

  // Totals: subtotal, discount, net, VAT, gross — right-aligned under the amounts.
  y = ensureRoom(doc, y + mm(3), mm(6) * letter.totals.length);
  for (const [index, [label, value]] of letter.totals.entries()) {
    const last = index === letter.totals.length - 1;
    if (last) {
      doc
        .moveTo(LEFT + mm(85), y)
        .lineTo(LEFT + WIDTH, y)
        .lineWidth(0.8)
        .strokeColor("#000000")
        .stroke();
      y += mm(1);
    }
    doc
      .font(last ? "Helvetica-Bold" : "Helvetica")
      .fontSize(9.5)
      .fillColor("#000000");
    doc.text(toWinAnsi(label), LEFT + mm(75), y, { width: mm(58), align: "right" });
    doc.text(toWinAnsi(value), LEFT + mm(135), y, { width: mm(30) - CELL_PAD, align: "right" });
    y += mm(5);
  }

  // Validity, payment terms, the offer's own terms, closing.
  y += mm(5);
  doc.font("Helvetica").fontSize(10).fillColor("#000000");
  for (const paragraph of letter.closingTexts.flatMap((text) => text.split(/\n{2,}/))) {
    const text = toWinAnsi(paragraph);
    y = ensureRoom(doc, y, doc.heightOfString(text, { width: WIDTH }));
    doc.text(text, LEFT, y, { width: WIDTH });
    y = doc.y + mm(2);
  }
  y = ensureRoom(doc, y + mm(4), mm(12));
  doc.text(toWinAnsi(letter.closing), LEFT, y, { width: WIDTH });
  if (letter.sender.name) doc.text(toWinAnsi(letter.sender.name), LEFT, doc.y + mm(2), { width: WIDTH });

  // Footer and page numbers on every page.
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    doc.font("Helvetica").fontSize(7).fillColor(GREY);
    let footerY = mm(276);
    for (const line of letter.footer) {
      doc.text(toWinAnsi(line), LEFT, footerY, {
        width: WIDTH,
        align: "center",
        lineBreak: false,
        ellipsis: true,
      });
      footerY += mm(3.2);
    }
    if (range.count > 1) {
      doc.text(t.page(index + 1, range.count), LEFT, mm(290), {
        width: WIDTH,
        align: "right",
        lineBreak: false,
      });
    }
  }
  doc.end();
  return done;
}
