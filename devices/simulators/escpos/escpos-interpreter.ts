import iconv from 'iconv-lite';
import { alignedLine, charWidth } from '../../printers/escpos/text-width';

/**
 * What an ESC/POS printer makes of a byte stream, as events: printed lines
 * of text (decoded from GB18030 in Chinese mode, with the alignment, bold and
 * size in effect), QR codes, cuts and real-time status requests. Pure and
 * streaming: a command split across chunks waits for its last byte.
 * Command lengths: Epson ESC/POS command reference. Unknown commands are
 * skipped by their usual length and reported, never printed as text.
 */
export type Align = 'left' | 'center' | 'right';
export interface PrintedLine {
  /** As seen on paper: leading spaces for the alignment (printed columns), no trailing spaces. */
  text: string;
  /** The characters only. */
  raw: string;
  align: Align;
  bold: boolean;
  size: 1 | 2;
}
export type EscposEvent =
  | ({ type: 'line' } & PrintedLine)
  | { type: 'qr'; data: string }
  | { type: 'cut' }
  | { type: 'statusRequest'; n: number }
  | { type: 'init' }
  | { type: 'unknown'; bytes: number[] };

export interface InterpreterOptions {
  /** Characters per line at normal size. Defaults to 48. */
  columns?: number;
  /** Whether Chinese mode is on after power-on and `ESC @`. Defaults to false: `FS &` must be sent. */
  chineseAtInit?: boolean;
}

const NEED_MORE = -1;

export class EscposInterpreter {
  private buf: number[] = [];
  private line: number[] = [];
  private lineMode: Omit<PrintedLine, 'text' | 'raw'> | null = null;
  private align: Align = 'left';
  private bold = false;
  private size: 1 | 2 = 1;
  private chinese: boolean;
  private qrData: Uint8Array = new Uint8Array(0);
  private out: EscposEvent[] = [];
  private readonly columns: number;

  constructor(private readonly options: InterpreterOptions = {}) {
    this.columns = options.columns ?? 48;
    this.chinese = options.chineseAtInit ?? false;
  }

  push(chunk: Uint8Array): EscposEvent[] {
    this.buf.push(...chunk);
    let i = 0;
    while (i < this.buf.length) {
      const used = this.step(i);
      if (used === NEED_MORE) break;
      i += used;
    }
    this.buf = this.buf.slice(i);
    const events = this.out;
    this.out = [];
    return events;
  }

  /** Handles the item at `i`; returns the bytes it used, or NEED_MORE. */
  private step(i: number): number {
    const b = this.buf[i] ?? 0;
    const at = (k: number) => this.buf[i + k];
    const have = (n: number) => i + n <= this.buf.length;
    if (b >= 0x20 && b !== 0x7f) {
      // Text (GB18030 trail bytes are never below 0x30, so no command hides inside a character).
      if (this.lineMode === null) this.lineMode = { align: this.align, bold: this.bold, size: this.size };
      this.line.push(b);
      return 1;
    }
    switch (b) {
      case 0x0a: // print and line feed: LF
        this.flush(true);
        return 1;
      case 0x10: // DLE: real-time commands
        if (!have(3)) return NEED_MORE;
        if (at(1) === 0x04) this.out.push({ type: 'statusRequest', n: at(2) ?? 0 }); // transmit real-time status: DLE EOT n
        if (at(1) === 0x14) return this.skip(i, at(2) === 8 ? 10 : 5); // DLE DC4 fn …
        return 3; // DLE ENQ n and the like
      case 0x1b:
        return this.esc(i);
      case 0x1c:
        return this.fs(i);
      case 0x1d:
        return this.gs(i);
      default:
        return 1; // CR, HT, NUL and other controls: nothing printed
    }
  }

  private esc(i: number): number {
    if (i + 2 > this.buf.length) return NEED_MORE;
    const cmd = this.buf[i + 1] ?? 0;
    const n = this.buf[i + 2];
    if (cmd === 0x40) {
      // initialize printer: ESC @ (buffer cleared, modes back to power-on)
      Object.assign(this, { line: [], lineMode: null, align: 'left', bold: false, size: 1, chinese: this.options.chineseAtInit ?? false });
      this.out.push({ type: 'init' });
      return 2;
    }
    if ([0x32, 0x3c, 0x69, 0x6d].includes(cmd)) return 2; // ESC 2, ESC <, ESC i, ESC m
    if (cmd === 0x70) return this.skip(i, 5); // generate pulse: ESC p m t1 t2
    if (cmd === 0x24 || cmd === 0x5c) return this.skip(i, 4); // ESC $ / ESC \ nL nH
    if (cmd === 0x2a) {
      // select bit-image mode: ESC * m nL nH d1…dk (k = n columns × 1 or 3 bytes)
      if (i + 5 > this.buf.length) return NEED_MORE;
      const cols = (this.buf[i + 3] ?? 0) | ((this.buf[i + 4] ?? 0) << 8);
      return this.skip(i, 5 + cols * ((this.buf[i + 2] ?? 0) >= 32 ? 3 : 1));
    }
    if (cmd === 0x44) {
      // set horizontal tab positions: ESC D n1…nk NUL
      const end = this.buf.indexOf(0, i + 2);
      return end < 0 ? NEED_MORE : end + 1 - i;
    }
    if (n === undefined) return NEED_MORE;
    switch (cmd) {
      case 0x61: // select justification: ESC a n
        this.align = n % 48 === 1 ? 'center' : n % 48 === 2 ? 'right' : 'left';
        return 3;
      case 0x45: // turn emphasized mode on/off: ESC E n
        this.bold = (n & 1) === 1;
        return 3;
      case 0x21: // select print mode: ESC ! n (bit3 emphasized, bits 4/5 double height/width)
        this.bold = (n & 0x08) !== 0;
        this.size = (n & 0x30) !== 0 ? 2 : 1;
        return 3;
      case 0x64: // print and feed n lines: ESC d n (n = 0 prints the buffer without a feed)
        if (n === 0) this.flush(false);
        for (let k = 0; k < n; k++) this.flush(true);
        return 3;
      case 0x4a: // print and feed paper n dots: ESC J n
        this.flush(false);
        return 3;
      default:
        // ESC - n, ESC t n, ESC 3 n, ESC M n, ESC G n, ESC R n, ESC V n, ESC { n, ESC SP n, …
        return 3;
    }
  }

  private fs(i: number): number {
    if (i + 2 > this.buf.length) return NEED_MORE;
    const cmd = this.buf[i + 1] ?? 0;
    if (cmd === 0x26) {
      // select Kanji (Chinese) character mode: FS &
      this.chinese = true;
      return 2;
    }
    if (cmd === 0x2e) {
      // cancel Kanji character mode: FS .
      this.chinese = false;
      return 2;
    }
    if (cmd === 0x53 || cmd === 0x70) return this.skip(i, 4); // FS S n1 n2, FS p n m
    return this.skip(i, 3); // FS ! n, FS - n, FS C n, FS W n
  }

  private gs(i: number): number {
    if (i + 3 > this.buf.length) return NEED_MORE;
    const cmd = this.buf[i + 1] ?? 0;
    const n = this.buf[i + 2] ?? 0;
    switch (cmd) {
      case 0x21: // select character size: GS ! n (high nibble width, low nibble height)
        this.size = (n & 0xf0) !== 0 || (n & 0x0f) !== 0 ? 2 : 1;
        return 3;
      case 0x56: {
        // select cut mode and cut paper: GS V m [n]
        const len = n >= 65 ? 4 : 3;
        if (i + len > this.buf.length) return NEED_MORE;
        this.flush(false);
        this.out.push({ type: 'cut' });
        return len;
      }
      case 0x28: {
        // GS ( X pL pH …: the length says how far to skip
        if (i + 5 > this.buf.length) return NEED_MORE;
        const len = (this.buf[i + 3] ?? 0) | ((this.buf[i + 4] ?? 0) << 8);
        if (i + 5 + len > this.buf.length) return NEED_MORE;
        if (n === 0x6b) this.symbol(this.buf.slice(i + 5, i + 5 + len));
        return 5 + len;
      }
      case 0x4c: // GS L nL nH
      case 0x57: // GS W nL nH
      case 0x50: // GS P x y
        return this.skip(i, 4);
      case 0x76: {
        // print raster bit image: GS v 0 m xL xH yL yH d1…dk (k = x bytes × y dots)
        if (i + 8 > this.buf.length) return NEED_MORE;
        const x = (this.buf[i + 4] ?? 0) | ((this.buf[i + 5] ?? 0) << 8);
        const y = (this.buf[i + 6] ?? 0) | ((this.buf[i + 7] ?? 0) << 8);
        return this.skip(i, 8 + x * y);
      }
      case 0x6b: {
        // print barcode: GS k m … (m < 65: NUL-terminated; m ≥ 65: n then n bytes)
        if (n >= 65) return i + 4 > this.buf.length ? NEED_MORE : this.skip(i, 4 + (this.buf[i + 3] ?? 0));
        const end = this.buf.indexOf(0, i + 3);
        return end < 0 ? NEED_MORE : end + 1 - i;
      }
      default:
        this.out.push({ type: 'unknown', bytes: this.buf.slice(i, i + 3) });
        return 3; // GS B n, GS H n, GS h n, GS w n, GS a n, GS r n, …
    }
  }

  /** `GS ( k` for QR (cn = 49): fn 80 stores the data, fn 81 prints it. */
  private symbol(params: number[]): void {
    const [cn, fn] = params;
    if (cn !== 0x31) return;
    if (fn === 0x50) this.qrData = Uint8Array.from(params.slice(3)); // cn fn m=48 d1…dk
    if (fn === 0x51) {
      this.flush(false);
      this.out.push({ type: 'qr', data: new TextDecoder().decode(this.qrData) });
    }
  }

  private skip(i: number, len: number): number {
    return i + len > this.buf.length ? NEED_MORE : len;
  }

  /** Prints the line buffer. `always`: a LF prints a blank line even when the buffer is empty. */
  private flush(always: boolean): void {
    if (this.line.length === 0 && !always) return;
    const mode = this.lineMode ?? { align: this.align, bold: this.bold, size: this.size };
    const raw = iconv.decode(Buffer.from(this.line), this.chinese ? 'gb18030' : 'cp437');
    this.line = [];
    this.lineMode = null;
    // A line longer than the paper wraps where the printer runs out of columns.
    for (const part of hardWrap(raw, Math.floor(this.columns / mode.size))) {
      this.out.push({ type: 'line', text: alignedLine(part, mode.align, this.columns, mode.size), raw: part, ...mode });
    }
  }
}

function hardWrap(text: string, width: number): string[] {
  const parts: string[] = [];
  let cur = '';
  let w = 0;
  for (const ch of text) {
    if (w + charWidth(ch) > width && cur !== '') {
      parts.push(cur);
      cur = '';
      w = 0;
    }
    cur += ch;
    w += charWidth(ch);
  }
  parts.push(cur);
  return parts;
}

/** One receipt as printed: its text lines (QR codes as `[QR: data]` lines), its QR payloads, and its cut. */
export interface PrintedReceipt {
  lines: string[];
  qr: string[];
  cuts: number;
}

/** A whole byte stream at once: the receipts ended by a cut, and what was printed after the last cut. */
export function interpretEscpos(bytes: Uint8Array, options: InterpreterOptions = {}): { receipts: PrintedReceipt[]; rest: PrintedReceipt } {
  const receipts: PrintedReceipt[] = [];
  let cur: PrintedReceipt = { lines: [], qr: [], cuts: 0 };
  for (const e of new EscposInterpreter(options).push(bytes)) {
    if (e.type === 'line') cur.lines.push(e.text);
    else if (e.type === 'qr') {
      cur.lines.push(`[QR: ${e.data}]`);
      cur.qr.push(e.data);
    } else if (e.type === 'cut') {
      receipts.push({ ...cur, cuts: 1 });
      cur = { lines: [], qr: [], cuts: 0 };
    }
  }
  return { receipts, rest: cur };
}
