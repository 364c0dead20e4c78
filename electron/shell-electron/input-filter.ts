/**
 * Which key presses the kiosk swallows before the page (and Chromium's own
 * accelerators) see them. The subset of Electron's `Input` we look at.
 */
export interface KeyInput {
  /** DOM `KeyboardEvent.key`: 'a', 'A', 'F5', 'Tab', 'ArrowLeft'... */
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  /** 'keyDown' | 'keyUp' (Electron also reports 'rawKeyDown' and 'char'). */
  readonly type: string;
}

export interface InputFilterOptions {
  /** `--dev`: let devtools (F12, Ctrl+Shift+I/J/C) and reload (F5, Ctrl+R) through. */
  dev?: boolean;
}

/**
 * With Ctrl/Cmd held, only text editing passes: everything else is a browser
 * or window accelerator (close, reload, zoom, print, find, new window...).
 * An allow-list, because Chromium keeps adding accelerators.
 */
const EDITING_WITH_CTRL = new Set(['a', 'c', 'v', 'x', 'z', 'y', 'backspace', 'delete', 'arrowleft', 'arrowright', 'arrowup', 'arrowdown', 'home', 'end']);
/** With Ctrl+Shift: redo and selection by word/line. Ctrl+Shift+I/J/C open devtools. */
const EDITING_WITH_CTRL_SHIFT = new Set(['z', 'arrowleft', 'arrowright', 'arrowup', 'arrowdown', 'home', 'end']);
/** Alt combinations that leave the app: close, switch window, history back/forward, window menu. */
const ALT_ESCAPES = new Set(['f4', 'tab', 'escape', 'arrowleft', 'arrowright', 'home', ' ', 'spacebar']);
/** Keys that do nothing useful in a kiosk and something harmful in a browser. */
const ALWAYS_BLOCKED = new Set(['contextmenu', 'help', 'meta', 'os', 'super', 'hyper']);

const FUNCTION_KEY = /^f([1-9]|1[0-9]|2[0-4])$/;
const DEV_KEYS = new Set(['f5', 'f12']);
const DEV_CTRL_SHIFT = new Set(['i', 'j', 'c']);

/** True when the key press must not reach the page or the browser. */
export function isBlockedInput(input: KeyInput, options: InputFilterOptions = {}): boolean {
  const key = input.key.toLowerCase();
  const dev = options.dev === true;

  if (dev) {
    if (DEV_KEYS.has(key) && !input.alt) return false;
    if ((input.control || input.meta) && input.shift && DEV_CTRL_SHIFT.has(key)) return false;
    if ((input.control || input.meta) && !input.shift && key === 'r') return false;
  }

  // Browser*/Launch* media keys: back, refresh, home page, mail client...
  if (key.startsWith('browser') || key.startsWith('launch')) return true;
  if (ALWAYS_BLOCKED.has(key)) return true;
  // F1 help, F3 find, F5 reload, F6 address bar, F7 caret browsing, F11 fullscreen, F12 devtools.
  if (FUNCTION_KEY.test(key)) return true;

  // AltGr arrives as Ctrl+Alt on some layouts and produces printable characters.
  const altGr = input.alt && input.control && !input.meta && isPrintable(input.key);
  if (altGr) return false;

  if (input.control || input.meta) {
    if (input.alt) return true;
    return input.shift ? !EDITING_WITH_CTRL_SHIFT.has(key) : !EDITING_WITH_CTRL.has(key);
  }
  if (input.alt) return ALT_ESCAPES.has(key);
  return false;
}

function isPrintable(key: string): boolean {
  // One user-perceived character (possibly a surrogate pair), not a named key.
  return [...key].length === 1 && key !== ' ';
}
