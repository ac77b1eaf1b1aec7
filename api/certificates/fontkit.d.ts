// The part of fontkit (pdfkit's own font engine) the sheet uses: parsing a font once to hand to every document.
declare module 'fontkit' {
  /** A parsed font; pdfkit's registerFont takes it as is (it recognises a font by its layout method). */
  export interface Font {
    readonly postscriptName: string;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
