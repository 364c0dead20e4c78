import './keyboard.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useT, type T } from '../../hooks/use-t';
import { assertNever } from '../../../../shared/assert-never';
import {
  backspace,
  fenToYuan,
  length,
  typeAmount,
  typeNumeric,
  typeTaxId,
  typeCode,
  typeText,
  type KeyResult,
  type KeyboardMode,
  type Refusal,
} from '../../keyboard/input-rules';
import type { Candidate } from '../../keyboard/pinyin-engine';
import { loadedPinyin, loadPinyin, type PinyinEngine } from '../../keyboard/pinyin-loader';
import { CandidateBar } from './CandidateBar';
import { layoutFor, type KeySpec } from './layouts';

export type { KeyboardMode } from '../../keyboard/input-rules';

export interface OnScreenKeyboardProps {
  mode: KeyboardMode;
  value: string;
  onChange(value: string): void;
  onDone(): void;
  /** Most characters the field takes (taxId: 18 unless given). */
  maxLength?: number;
  /** amount: the largest amount accepted, in fen. */
  maxFen?: number;
  /** What the field is (already translated): names the read-only field for screen readers. */
  label: string;
  placeholder?: string;
  /** chinese: the field also takes Latin letters and parentheses (company names), so offer the ABC switch. */
  allowLatin?: boolean;
}

/** Pinyin longer than any real name or company name is a stuck key, not input. */
const MAX_PINYIN = 40;

function hintText(t: T, refusal: Refusal, props: OnScreenKeyboardProps): string {
  switch (refusal.reason) {
    case 'decimals':
      return t('keyboard.hint.decimals');
    case 'max':
      return t('keyboard.hint.max', { max: fenToYuan(props.maxFen ?? 0) });
    case 'full':
      return t('keyboard.hint.full', { max: props.maxLength ?? 18 });
    case 'letters':
      return t('keyboard.hint.letters');
    default:
      return assertNever(refusal);
  }
}

/**
 * The kiosk's only keyboard: the system one never shows (the field is
 * read-only with `inputmode="none"`). Value is controlled by the screen;
 * the pinyin being composed is the keyboard's own until a candidate is taken.
 */
export function OnScreenKeyboard(props: OnScreenKeyboardProps) {
  const { mode, value, onChange, onDone, maxLength, maxFen, label, placeholder, allowLatin = false } = props;
  const t = useT();
  const [pinyin, setPinyin] = useState('');
  const [latin, setLatin] = useState(false);
  const [page, setPage] = useState(0);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // Loaded when a visit starts (see use-prefetch-after-card); letters typed before it arrives wait in `pinyin`.
  const [engine, setEngine] = useState<PinyinEngine | null>(loadedPinyin);
  const composing = mode === 'chinese' && !latin;
  const list = useMemo(() => (engine && composing && pinyin !== '' ? engine.candidates(pinyin) : []), [engine, composing, pinyin]);
  const syllables = useMemo(() => (pinyin === '' || !engine ? pinyin : engine.displaySyllables(pinyin)), [engine, pinyin]);
  const layout = layoutFor(mode, latin, allowLatin);
  const root = useRef<HTMLElement>(null);

  useEffect(() => {
    // Opened below the fields of a step that scrolls (landscape, elderly mode): show all of it, its field and 完成 included.
    root.current?.scrollIntoView?.({ block: 'nearest' });
  }, [mode]);

  useEffect(() => {
    if (mode !== 'chinese') return;
    if (!engine) {
      let alive = true;
      loadPinyin().then(
        (loaded) => alive && setEngine(loaded),
        () => undefined,
      );
      return () => {
        alive = false;
      };
    }
    // Parse the lexicon while the person reads the screen, not on their first key, and only once the
    // keyboard is painted: a timeout set here would run before that frame and hold the keyboard back.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => engine.warm(), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [mode, engine]);

  const apply = (result: KeyResult): void => {
    if (result.ok) {
      setRefusal(null);
      if (result.value !== value) onChange(result.value);
    } else {
      setRefusal(result.refusal);
    }
  };
  const setComposition = (next: string): void => {
    setPinyin(next);
    setPage(0);
  };
  const fits = (candidate: Candidate): boolean => maxLength === undefined || length(value) + length(candidate.text) <= maxLength;

  const pick = (candidate: Candidate): void => {
    if (!engine) return;
    apply(typeText(value, candidate.text, maxLength));
    setComposition(engine.remainingAfter(pinyin, candidate));
  };

  const typeChar = (char: string): void => {
    switch (mode) {
      case 'numeric':
        return apply(typeNumeric(value, char, maxLength));
      case 'amount':
        return apply(typeAmount(value, char, maxFen, maxLength));
      case 'taxId':
        return apply(typeTaxId(value, char, maxLength));
      case 'code':
        return apply(typeCode(value, char, maxLength));
      case 'chinese':
        if (composing && /^[a-z']$/.test(char)) {
          if (pinyin.length < MAX_PINYIN && !(char === "'" && (pinyin === '' || pinyin.endsWith("'")))) setComposition(pinyin + char);
          setRefusal(null);
          return;
        }
        // Punctuation ends the composition: the pending pinyin becomes its best reading first.
        return apply(typeText(withPending(), latin ? char.toUpperCase() : char, maxLength));
      default:
        return assertNever(mode);
    }
  };

  /** The field's text with the pending pinyin turned into its best reading, as a space bar would. */
  const withPending = (): string => {
    // Without the engine (its chunk still on the way) the letters stay pending rather than being lost.
    if (!engine) return value;
    let rest = pinyin;
    let text = value;
    for (let guard = 0; rest !== '' && guard < MAX_PINYIN; guard++) {
      const best = engine.candidates(rest)[0];
      if (!best) break;
      if (maxLength !== undefined && length(text) + length(best.text) > maxLength) break;
      text += best.text;
      rest = engine.remainingAfter(rest, best);
    }
    setComposition('');
    return text;
  };

  const done = (): void => {
    const text = withPending();
    if (text !== value) onChange(text);
    onDone();
  };

  const press = (spec: KeySpec): void => {
    switch (spec.kind) {
      case 'char':
        return typeChar(spec.char);
      case 'backspace':
        setRefusal(null);
        if (pinyin !== '') setComposition(pinyin.slice(0, -1));
        else if (value !== '') onChange(backspace(value));
        return;
      case 'clear':
        setRefusal(null);
        setComposition('');
        if (value !== '') onChange('');
        return;
      case 'done':
        return done();
      case 'switch': {
        const text = withPending();
        if (text !== value) onChange(text);
        setLatin(!latin);
        return;
      }
      case 'spacer':
        return;
      default:
        return assertNever(spec);
    }
  };

  const standingHint = mode === 'taxId' ? t('keyboard.hint.letters') : '';

  return (
    <section ref={root} className="osk" data-testid="osk" data-mode={mode} data-latin={latin} aria-label={t('keyboard.aria')}>
      <div className="osk-field-row">
        <input
          className="osk-field"
          data-testid="osk-field"
          readOnly
          inputMode="none"
          tabIndex={-1}
          value={value}
          placeholder={placeholder}
          aria-label={t('keyboard.field.aria', { label, value })}
          onFocus={(e) => e.currentTarget.blur()}
        />
      </div>
      <p className={refusal ? 'osk-hint osk-hint-refused' : 'osk-hint'} role="status" aria-live="polite" data-testid="osk-hint">
        {refusal ? hintText(t, refusal, props) : standingHint}
      </p>
      {mode === 'chinese' && (
        <div className="osk-compose-slot" data-hidden={!composing}>
          {composing && <CandidateBar pinyin={pinyin} syllables={syllables} candidates={list} page={page} onPage={setPage} onPick={pick} fits={fits} />}
        </div>
      )}
      <div className="osk-keys" style={{ gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))` }}>
        {layout.rows.flatMap((row, r) => row.map((spec, k) => <Key key={`${r}:${k}`} spec={spec} latin={latin} t={t} onPress={press} />))}
      </div>
    </section>
  );
}

function Key({ spec, latin, t, onPress }: { spec: KeySpec; latin: boolean; t: T; onPress(spec: KeySpec): void }) {
  const style = { gridColumn: `span ${spec.span}` };
  if (spec.kind === 'spacer') return <span className="osk-spacer" style={style} aria-hidden="true" />;
  let label: string;
  let aria: string;
  let className = 'osk-key';
  let testId: string;
  switch (spec.kind) {
    case 'char':
      label = spec.char === ' ' ? t('keyboard.space') : latin ? spec.char.toUpperCase() : spec.char;
      aria = spec.aria ? t(spec.aria) : t('keyboard.key.aria', { key: label });
      className += /^\d$/.test(spec.char) ? ' osk-key-digit' : ' osk-key-char';
      testId = spec.char === ' ' ? 'osk-key-space' : `osk-key-${spec.char}`;
      break;
    case 'backspace':
      label = t('keyboard.backspace');
      aria = t('keyboard.backspace.aria');
      className += ' osk-key-fn';
      testId = 'osk-backspace';
      break;
    case 'clear':
      label = t('keyboard.clear');
      aria = t('keyboard.clear.aria');
      className += ' osk-key-fn';
      testId = 'osk-clear';
      break;
    case 'done':
      label = t('keyboard.done');
      aria = t('keyboard.done.aria');
      className += ' osk-key-done';
      testId = 'osk-done';
      break;
    case 'switch':
      label = latin ? t('keyboard.toPinyin') : t('keyboard.toLatin');
      aria = latin ? t('keyboard.toPinyin.aria') : t('keyboard.toLatin.aria');
      className += ' osk-key-fn';
      testId = 'osk-switch';
      break;
    default:
      return assertNever(spec);
  }
  return (
    <button type="button" className={className} style={style} data-testid={testId} aria-label={aria} onClick={() => onPress(spec)}>
      {spec.kind === 'backspace' && (
        <svg viewBox="0 0 32 24" width="36" height="27" aria-hidden="true" focusable="false">
          <path
            d="M10 3 H29 V21 H10 L2 12 Z M15 8 L23 16 M23 8 L15 16"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        </svg>
      )}
      <span className={spec.kind === 'backspace' ? 'osk-backspace-label' : undefined}>{label}</span>
    </button>
  );
}
