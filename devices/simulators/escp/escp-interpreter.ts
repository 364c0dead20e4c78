import iconv from 'iconv-lite';
import { MM_PER_INCH } from '../../printers/escp/form-template';

/**
 * What a 24-pin ESC/P printer does with the bytes it gets, reduced to where
 * text lands on the page. Pure and streaming: `push` takes chunks split
 * anywhere and keeps an incomplete command for the next chunk.
 *
 * Understood (Epson ESC/P reference): `ESC @` init (pitch 10 cpi, Chinese off,
 * head to the left margin; paper does not move), `ESC C NUL n` page length in
 * inches, `ESC C n` page length in lines (noted only), `ESC J n` feed n/180 in,
 * `ESC $ nL nH` absolute horizontal in 1/60 in, `ESC \ nL nH` relative
 * horizontal in 1/180 in (24-pin LQ units, signed), `ESC P`/`ESC M`/`ESC g`
 * 10/12/15 cpi, `FS &`/`FS .` Chinese mode on/off (GB18030 text), CR, LF
 * (one 1/6 in line and back to the margin), FF (page ends), and the real-time
 * status request `DLE EOT n`. Anything else is recorded in `unknown`.
 */
export interface EscpRun {
  xMm: number;
  yMm: number;
  text: string;
  cpi: number;
  /** Width on paper: half-width cells × pitch (a full-width character is two cells). */
  widthMm: number;
}

export interface EscpPage {
  runs: EscpRun[];
  /** Commands the interpreter did not know, as hex, for diagnostics. */
  unknown: string[];
}

export type InterpreterEvent = { type: 'status'; n: number } | { type: 'page'; page: EscpPage };

const ESC = 0x1b;
const FS = 0x1c;
const DLE = 0x10;

/** Bytes a command needs after its first byte, or null when it is not a command start. */
function commandLength(buf: Uint8Array, at: number): number | 'need-more' {
  const b = buf[at];
  const next = buf[at + 1];
  if (b === ESC || b === FS || b === DLE) {
    if (next === undefined) return 'need-more';
    if (b === DLE) return next === 0x04 ? 3 : 1;
    if (b === FS) return 2;
    switch (next) {
      case 0x24: // ESC $ nL nH
      case 0x5c: // ESC \ nL nH
        return 4;
      case 0x4a: // ESC J n
        return 3;
      case 0x43: // ESC C n | ESC C NUL n
        if (buf[at + 2] === undefined) return 'need-more';
        return buf[at + 2] === 0 ? 4 : 3;
      default:
        return 2;
    }
  }
  return 1;
}

export class EscpInterpreter {
  private pending = new Uint8Array(0);
  private x = 0; // 1/60 in
  private y = 0; // 1/180 in
  private cpi = 10;
  private chinese = false;
  private runs: EscpRun[] = [];
  private unknown: string[] = [];
  private text: number[] = [];
  private textAt: { x: number; y: number; cpi: number } | null = null;
  pageLengthInches = 11;

  /** Feeds bytes; returns the status requests and finished pages, in order. */
  push(chunk: Uint8Array): InterpreterEvent[] {
    const buf = new Uint8Array(this.pending.length + chunk.length);
    buf.set(this.pending);
    buf.set(chunk, this.pending.length);
    const events: InterpreterEvent[] = [];
    let at = 0;
    while (at < buf.length) {
      const len = commandLength(buf, at);
      if (len === 'need-more' || at + len > buf.length) break;
      this.step(buf.subarray(at, at + len), events);
      at += len;
    }
    this.pending = buf.slice(at);
    return events;
  }

  private step(cmd: Uint8Array, events: InterpreterEvent[]): void {
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = cmd;
    if (cmd.length === 1 && b0 !== ESC && b0 !== FS && b0 !== DLE && (b0 >= 0x20 || b0 === 0x0d || b0 === 0x0a || b0 === 0x0c)) {
      if (b0 >= 0x20) return this.addTextByte(b0);
      this.flushText();
      if (b0 === 0x0d)
        this.x = 0; // carriage return: CR
      else if (b0 === 0x0a) {
        this.y += 30; // line feed at the default 1/6 in spacing: LF
        this.x = 0;
      } else this.endPage(events); // form feed: FF
      return;
    }
    // DLE EOT is answered in real time, even between the bytes of a text run.
    if (b0 === DLE && b1 === 0x04) return void events.push({ type: 'status', n: b2 });
    this.flushText();
    if (b0 === FS && b1 === 0x26)
      this.chinese = true; // FS &
    else if (b0 === FS && b1 === 0x2e)
      this.chinese = false; // FS .
    else if (b0 === ESC && b1 === 0x40)
      this.reset(); // ESC @
    else if (b0 === ESC && b1 === 0x4a)
      this.y += b2; // ESC J n
    else if (b0 === ESC && b1 === 0x24)
      this.x = b2 | (b3 << 8); // ESC $ nL nH
    else if (b0 === ESC && b1 === 0x5c)
      this.x += Math.round((((b2 | (b3 << 8)) << 16) >> 16) / 3); // ESC \ nL nH (1/180 → 1/60)
    else if (b0 === ESC && b1 === 0x50)
      this.cpi = 10; // ESC P
    else if (b0 === ESC && b1 === 0x4d)
      this.cpi = 12; // ESC M
    else if (b0 === ESC && b1 === 0x67)
      this.cpi = 15; // ESC g
    else if (b0 === ESC && b1 === 0x43 && b2 === 0)
      this.pageLengthInches = b3; // ESC C NUL n
    else if (b0 === ESC && b1 === 0x43) this.unknown.push(`ESC C ${b2} (page length in lines)`);
    else this.unknown.push([...cmd].map((b) => b.toString(16).padStart(2, '0')).join(' '));
  }

  private addTextByte(b: number): void {
    if (!this.textAt) this.textAt = { x: this.x, y: this.y, cpi: this.cpi };
    this.text.push(b);
  }

  private flushText(): void {
    const at = this.textAt;
    if (!at || this.text.length === 0) return;
    const bytes = Uint8Array.from(this.text);
    // Outside Chinese mode every byte is one half-width character (high bytes would be code page glyphs).
    const text = this.chinese ? iconv.decode(bytes, 'gb18030') : String.fromCharCode(...bytes);
    let cells = 0;
    for (const ch of text) cells += (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
    const cellUnits = 60 / at.cpi;
    this.runs.push({
      xMm: (at.x / 60) * MM_PER_INCH,
      yMm: (at.y / 180) * MM_PER_INCH,
      text,
      cpi: at.cpi,
      widthMm: (cells / at.cpi) * MM_PER_INCH,
    });
    this.x = at.x + Math.round(cells * cellUnits);
    this.text = [];
    this.textAt = null;
  }

  private reset(): void {
    this.cpi = 10;
    this.chinese = false;
    this.x = 0;
  }

  private endPage(events: InterpreterEvent[]): void {
    events.push({ type: 'page', page: { runs: this.runs, unknown: this.unknown } });
    this.runs = [];
    this.unknown = [];
    this.x = 0;
    this.y = 0;
  }
}

/** Interprets a whole job; returns its pages (tests, previews). */
export function interpretJob(bytes: Uint8Array): EscpPage[] {
  const pages: EscpPage[] = [];
  for (const e of new EscpInterpreter().push(bytes)) if (e.type === 'page') pages.push(e.page);
  return pages;
}
