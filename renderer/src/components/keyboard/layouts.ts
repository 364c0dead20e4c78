import type { PlainKey } from '../../../../shared/i18n';
import { assertNever } from '../../../../shared/assert-never';
import { CODE_LETTERS, DIGITS, TAX_ID_LETTERS, type KeyboardMode } from '../../keyboard/input-rules';

type FunctionKind = 'backspace' | 'clear' | 'done' | 'switch' | 'spacer';

/** One key of a layout; `span` is in grid columns. */
export type KeySpec =
  | { readonly kind: 'char'; readonly char: string; readonly span: number; readonly aria?: PlainKey }
  | { [K in FunctionKind]: { readonly kind: K; readonly span: number } }[FunctionKind];

export interface Layout {
  readonly columns: number;
  readonly rows: readonly (readonly KeySpec[])[];
}

const chars = (text: string, span: number): KeySpec[] => [...text].map((char) => ({ kind: 'char', char, span }));
const key = (kind: FunctionKind, span: number): KeySpec => ({ kind, span }) as KeySpec;

/** Phone-pad order: what a bank counter's PIN pad and every phone taught people. */
function numberPad(decimal: boolean): Layout {
  return {
    columns: 4,
    rows: [
      [...chars('123', 1), key('backspace', 1)],
      [...chars('456', 1), key('clear', 1)],
      [...chars('789', 1), key('spacer', 1)],
      decimal ? [{ kind: 'char', char: '.', span: 1, aria: 'keyboard.decimal.aria' }, ...chars('0', 1), key('done', 2)] : [...chars('0', 2), key('done', 2)],
    ],
  };
}

/** Digits on top, the 21 letters in alphabetical rows of seven: easy to find on a printed licence. */
const TAX_ID: Layout = {
  columns: 10,
  rows: [
    chars(DIGITS, 1),
    [...chars(TAX_ID_LETTERS.slice(0, 7), 1), key('backspace', 3)],
    [...chars(TAX_ID_LETTERS.slice(7, 14), 1), key('clear', 3)],
    [...chars(TAX_ID_LETTERS.slice(14), 1), key('done', 3)],
  ],
};

/** Digits, then all 26 capitals in alphabetical rows of ten (a code read off a text message). */
const CODE: Layout = {
  columns: 10,
  rows: [
    chars(DIGITS, 1),
    chars(CODE_LETTERS.slice(0, 10), 1),
    chars(CODE_LETTERS.slice(10, 20), 1),
    [...chars(CODE_LETTERS.slice(20), 1), key('backspace', 1), key('clear', 1), key('done', 2)],
  ],
};

/** QWERTY (pinyin is typed on it everywhere in China) on a 20-column grid, letters two columns wide. */
function qwerty(latin: boolean, allowLatin: boolean): Layout {
  // Latin letters are for names and words typed as they are ("SMITH JOHN", "ABC 2"): a space and the digits.
  const separator: KeySpec = latin
    ? { kind: 'char', char: ' ', span: 2, aria: 'keyboard.space.aria' }
    : { kind: 'char', char: "'", span: 2, aria: 'keyboard.separator.aria' };
  const bottom: KeySpec[] = allowLatin
    ? [
        key('switch', 4),
        { kind: 'char', char: '（', span: 2, aria: 'keyboard.parenLeft.aria' },
        { kind: 'char', char: '）', span: 2, aria: 'keyboard.parenRight.aria' },
        key('spacer', 4),
        key('done', 8),
      ]
    : [key('spacer', 12), key('done', 8)];
  return {
    columns: 20,
    rows: [
      ...(latin ? [chars(DIGITS, 2)] : []),
      chars('qwertyuiop', 2),
      [...chars('asdfghjkl', 2), key('backspace', 2)],
      [...chars('zxcvbnm', 2), separator, { kind: 'char', char: '·', span: 2, aria: 'keyboard.dot.aria' }, key('clear', 2)],
      bottom,
    ],
  };
}

export function layoutFor(mode: KeyboardMode, latin: boolean, allowLatin: boolean): Layout {
  switch (mode) {
    case 'numeric':
      return numberPad(false);
    case 'amount':
      return numberPad(true);
    case 'taxId':
      return TAX_ID;
    case 'code':
      return CODE;
    case 'chinese':
      return qwerty(latin, allowLatin);
    default:
      return assertNever(mode);
  }
}
