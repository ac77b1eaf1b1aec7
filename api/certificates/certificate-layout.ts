// A4 layout of the sheet PDF: the DejaVu fonts, page geometry, and the headings, tables, paragraphs and QR codes the sections are made of.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import QRCode from 'qrcode';
import { MM } from './certificate-map.ts';

export type Doc = PDFKit.PDFDocument;

/**
 * DejaVu Sans covers every Vietnamese letter with its diacritics (ă, ơ, ư, đ with the five tones).
 * The fonts are parsed once per process and the parsed fonts handed to each document: parsing
 * 700 kB of TrueType per sheet cost more than drawing the whole sheet, and fontkit keeps its glyph
 * cache warm across documents (each document still embeds its own subset).
 */
const require = createRequire(import.meta.url);
let fontCache: { regular: fontkit.Font; bold: fontkit.Font } | null = null;
export function fonts(): { regular: fontkit.Font; bold: fontkit.Font } {
  fontCache ??= {
    regular: fontkit.create(fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))),
    bold: fontkit.create(fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))),
  };
  return fontCache;
}

/** Parses the fonts soon after start-up, off any request, so the first sheet is as quick as the others. */
export function preloadFonts(): void {
  setTimeout(() => fonts(), 0).unref();
}

export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const MARGIN = 15 * MM;
export const CONTENT_W = PAGE_W - 2 * MARGIN;
export const BOTTOM = PAGE_H - 16 * MM;
/** Map frame on paper; the scale follows from it (see certificate-map.ts mapFrame). */
export const MAP_WIDTH_MM = 180;
export const MAP_HEIGHT_MM = 95;

export const R = 'DejaVu';
export const B = 'DejaVu-Bold';
export const INK = '#111827';
export const MUTED = '#4b5563';
export const RULE = '#d1d5db';

export interface Cell {
  text: string;
  en?: string;
  bold?: boolean;
  colour?: string;
  align?: 'left' | 'right' | 'center';
}

export class Sheet {
  y = MARGIN;
  constructor(readonly doc: Doc) {}

  ensure(height: number): void {
    if (this.y + height <= BOTTOM) return;
    this.doc.addPage();
    this.y = MARGIN;
  }

  heading(vi: string, en: string): void {
    this.ensure(40);
    this.y += 6;
    const { doc } = this;
    doc.font(B).fontSize(11).fillColor(INK);
    doc.text(vi, MARGIN, this.y, { lineBreak: false, continued: false });
    const w = doc.widthOfString(vi);
    doc.font(R).fontSize(9).fillColor(MUTED).text(` / ${en}`, MARGIN + w, this.y + 1.6, { lineBreak: false });
    this.y += 15;
    doc.moveTo(MARGIN, this.y).lineTo(MARGIN + CONTENT_W, this.y).lineWidth(0.6).strokeColor(INK).stroke();
    this.y += 4;
  }

  private cellHeight(c: Cell, width: number): number {
    const { doc } = this;
    doc.font(c.bold ? B : R).fontSize(8.5);
    let h = doc.heightOfString(c.text || ' ', { width });
    if (c.en) {
      doc.font(R).fontSize(7);
      h += doc.heightOfString(c.en, { width }) + 0.5;
    }
    return h;
  }

  /** A table with a rule under each row; rows move to the next page whole. */
  table(widths: number[], rows: Cell[][], header = false): void {
    const { doc } = this;
    const pad = 2.2;
    rows.forEach((row, r) => {
      const h = Math.max(...row.map((c, i) => this.cellHeight(c, widths[i] - 2 * pad))) + 2 * pad;
      this.ensure(h);
      const isHeader = header && r === 0;
      if (isHeader) doc.rect(MARGIN, this.y, CONTENT_W, h).fillColor('#f3f4f6').fill();
      let x = MARGIN;
      row.forEach((c, i) => {
        const width = widths[i] - 2 * pad;
        doc.font(c.bold || isHeader ? B : R).fontSize(8.5).fillColor(c.colour ?? INK);
        doc.text(c.text || ' ', x + pad, this.y + pad, { width, align: c.align ?? 'left' });
        if (c.en) doc.font(R).fontSize(7).fillColor(MUTED).text(c.en, x + pad, doc.y + 0.5, { width, align: c.align ?? 'left' });
        x += widths[i];
      });
      this.y += h;
      doc.moveTo(MARGIN, this.y).lineTo(MARGIN + CONTENT_W, this.y).lineWidth(0.4).strokeColor(RULE).stroke();
    });
    this.y += 4;
  }

  paragraph(text: string, opts: { size?: number; colour?: string; bold?: boolean; indent?: number } = {}): void {
    const { doc } = this;
    const size = opts.size ?? 8.5;
    const indent = opts.indent ?? 0;
    doc.font(opts.bold ? B : R).fontSize(size);
    const h = doc.heightOfString(text, { width: CONTENT_W - indent });
    this.ensure(h + 2);
    doc.fillColor(opts.colour ?? INK).text(text, MARGIN + indent, this.y, { width: CONTENT_W - indent });
    this.y += h + 2;
  }
}

/** Draws a QR code as vector squares (error correction M), merging the dark modules of a row into runs. */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 2;
  const cell = size / (count + 2 * quiet);
  doc.rect(x, y, size, size).fillColor('#ffffff').fill();
  doc.fillColor('#000000');
  for (let r = 0; r < count; r++) {
    let c = 0;
    while (c < count) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < count && qr.modules.get(r, c)) c++;
      // A hair of overlap so no hairline gaps show between modules in viewers that anti-alias.
      doc.rect(x + (quiet + start) * cell, y + (quiet + r) * cell, (c - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fill();
}
