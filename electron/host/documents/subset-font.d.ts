// subset-font ships no types; this declares the part the kiosk uses
// (README of subset-font 2.x: `subsetFont(buffer, text, options): Promise<Buffer>`).
declare module 'subset-font' {
  interface SubsetFontOptions {
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype';
    preserveNameIds?: readonly number[];
    keepFeatures?: readonly string[];
    noLayoutClosure?: boolean;
    glyphNames?: boolean;
    noHinting?: boolean;
    dropTables?: readonly string[];
  }
  function subsetFont(font: Buffer | Uint8Array, text: string, options?: SubsetFontOptions): Promise<Buffer>;
  export default subsetFont;
}
