import { ApiErrorCode, RefusalCode, type HaltPart } from '../../../../shared/fleet/console-codes';
import type { ConsoleKey } from '../../../../shared/i18n/console.zh-CN';
import type { Translate } from './i18n';

/**
 * The server's machine codes (shared/fleet/console-codes.ts) in the reader's
 * language. The server's English is the fallback only for a code this page
 * does not know (a newer server) or an answer without one.
 */

/** What a failed call carries (api.ts ApiFailure), without importing it: this file stays free of fetch. */
export interface CodedFailure {
  message: string;
  code?: string | undefined;
  params?: Record<string, string | number> | undefined;
}

export function errorText(t: Translate, failure: unknown): string {
  if (!(failure instanceof Error)) return String(failure);
  const { code, params = {} } = failure as Error & CodedFailure;
  const known = ApiErrorCode.safeParse(code);
  if (!known.success) return failure.message;
  const words: Record<string, string | number> = { ...params };
  if (known.data === 'forbidden' && typeof params.role === 'string' && ['viewer', 'operator', 'admin'].includes(params.role))
    words.role = t(`role.${params.role}` as ConsoleKey);
  if (known.data === 'bundleUnverified') words.reason = refusalText(t, typeof params.reason === 'string' ? params.reason : null, String(params.detail ?? ''));
  return t(`apiError.${known.data}`, words);
}

/** A kiosk's refusal reason: the code in words, or the kiosk's own text when the code is unknown or `other`. */
export function refusalText(t: Translate, code: string | null, detail: string | null): string {
  const known = RefusalCode.safeParse(code);
  if (!known.success || known.data === 'other') return detail ?? '';
  return t(`configRefusal.${known.data}`);
}

/** Rollout.haltDetail in words: the parts of each wave after `wave 1 of 4:`, as the server's haltReason reads. */
export function haltText(t: Translate, parts: readonly HaltPart[]): string {
  const groups: { wave: number; waves: number; texts: string[] }[] = [];
  const plain: string[] = [];
  for (const part of parts) {
    if (part.code === 'abortedBy') plain.push(t('halt.abortedBy', { by: part.by }));
    else if (part.code === 'other') plain.push(t('halt.other', { text: part.text }));
    else {
      let group = groups.find((g) => g.wave === part.wave);
      if (!group) groups.push((group = { wave: part.wave, waves: part.waves, texts: [] }));
      group.texts.push(wavePartText(t, part));
    }
  }
  const separator = t('halt.separator');
  return [...groups.map((g) => t('halt.wave', { wave: g.wave, waves: g.waves, parts: g.texts.join(separator) })), ...plain].join(separator);
}

function wavePartText(t: Translate, part: Extract<HaltPart, { wave: number }>): string {
  switch (part.code) {
    case 'kioskRefused':
      return t('halt.kioskRefused', { kioskId: part.kioskId, reason: refusalText(t, part.reason, part.detail) });
    case 'moreRefused':
      return t('halt.moreRefused', { count: part.count });
    case 'tooManySilent':
      return t('halt.tooManySilent', { ...part, kioskIds: part.kioskIds.join(', ') });
  }
}

/** A rollout's halt reason in words; a server without haltDetail leaves its English. */
export function rolloutHaltText(t: Translate, rollout: { haltReason: string | null; haltDetail?: readonly HaltPart[] | null }): string {
  if (rollout.haltDetail) return haltText(t, rollout.haltDetail);
  return rollout.haltReason ?? '';
}
