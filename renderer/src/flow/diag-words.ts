import type { PlainKey } from '../../../shared/i18n';
import type { T } from '../hooks/use-t';

/**
 * A device's state on the diagnostics screen in the screen's language. The
 * host reports XFS4IoT-style words (`online`, `notPresent`) and, for a
 * printer, a short media line (`paper full, cover open`); each known word
 * has catalogue words, an unknown one is shown as it came (a technician is
 * better served by the raw word than by nothing).
 */
const DEVICE_STATE: Readonly<Record<string, PlainKey>> = {
  online: 'diag.state.online',
  offline: 'diag.state.offline',
  noDevice: 'diag.state.noDevice',
  hardwareError: 'diag.state.hardwareError',
  userError: 'diag.state.userError',
  busy: 'diag.state.busy',
};

const MEDIA_PART: Readonly<Record<string, PlainKey>> = {
  present: 'diag.media.present',
  notPresent: 'diag.media.notPresent',
  jammed: 'diag.media.jammed',
  unknown: 'diag.media.unknown',
  'paper full': 'diag.paper.full',
  'paper low': 'diag.paper.low',
  'paper out': 'diag.paper.out',
  'paper jammed': 'diag.paper.jammed',
  'paper unknown': 'diag.paper.unknown',
  'cover open': 'diag.media.coverOpen',
  'cutter error': 'diag.media.cutterError',
};

/** Details the host itself writes (a driver's own error text stays as it is). */
const DETAIL: Readonly<Record<string, PlainKey>> = {
  'not started': 'diag.detail.notStarted',
};

const said = (t: T, table: Readonly<Record<string, PlainKey>>, word: string): string => {
  const key = Object.hasOwn(table, word) ? table[word] : undefined;
  return key === undefined ? word : t(key);
};

export function deviceStateText(t: T, device: string): string {
  return said(t, DEVICE_STATE, device);
}

export function mediaText(t: T, media: string): string {
  return media
    .split(',')
    .map((part) => said(t, MEDIA_PART, part.trim()))
    .join(t('diag.list.separator'));
}

export function detailText(t: T, detail: string): string {
  return said(t, DETAIL, detail);
}

/** "在线 · 无卡 · 未启动": state, media and detail on one line. */
export function deviceLine(t: T, row: { device: string; media: string; detail: string | null }): string {
  const parts = [deviceStateText(t, row.device), mediaText(t, row.media)];
  if (row.detail) parts.push(detailText(t, row.detail));
  return parts.join(' · ');
}
