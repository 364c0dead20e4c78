import { z } from 'zod';
import { AlertKind, AlertRule } from '../../shared/fleet/console-api';
import { DEFAULT_THRESHOLDS, HealthThresholds, type Reason } from '../../shared/fleet/health';

/**
 * Which health reasons raise which alert kind, and the rules' defaults. The
 * thresholds of three rules are also the health judgement's thresholds
 * (health.ts), so "stale" on the overview and the missed-heartbeat alert
 * always agree.
 */
export function alertKindOf(reason: Reason): AlertKind | null {
  switch (reason.code) {
    case 'heartbeatMissed':
      return 'heartbeatMissed';
    case 'readerDown':
    case 'printerDown':
    case 'paperJammed':
    case 'coverOpen':
      return 'deviceDown';
    case 'paperOut':
      return 'paperOut';
    case 'paperLow':
      return 'paperLow';
    case 'stockOut':
    case 'stockLow':
      return 'stockLow';
    case 'outboxOld':
    case 'outboxDead':
      return 'outboxOld';
    case 'configRefused':
      return 'configRefused';
    case 'auditRegressed':
      return 'auditRegressed';
    case 'configBehind':
      return null; // the rollout's business, not an alert
  }
}

export const DEFAULT_RULES: readonly AlertRule[] = AlertKind.options.map((kind) => ({
  id: kind,
  kind,
  enabled: true,
  threshold:
    kind === 'heartbeatMissed'
      ? DEFAULT_THRESHOLDS.heartbeatMissedSeconds
      : kind === 'stockLow'
        ? DEFAULT_THRESHOLDS.stockLowForms
        : kind === 'outboxOld'
          ? DEFAULT_THRESHOLDS.outboxOldMinutes
          : null,
  webhookUrl: null,
}));

/** PUT /api/rules/:id body: any of the editable fields. */
export const RulePatch = z.strictObject({
  enabled: z.boolean().optional(),
  threshold: z.number().int().nullable().optional(),
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
});
export type RulePatch = z.infer<typeof RulePatch>;

const THRESHOLD_FIELD: Partial<Record<AlertKind, keyof HealthThresholds>> = {
  heartbeatMissed: 'heartbeatMissedSeconds',
  stockLow: 'stockLowForms',
  outboxOld: 'outboxOldMinutes',
};

/** The rule with the patch applied, or why the patch is not allowed. */
export function applyRulePatch(rule: AlertRule, patch: RulePatch): AlertRule | string {
  const next: AlertRule = {
    ...rule,
    ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
    ...(patch.threshold === undefined ? {} : { threshold: patch.threshold }),
    ...(patch.webhookUrl === undefined ? {} : { webhookUrl: patch.webhookUrl }),
  };
  const field = THRESHOLD_FIELD[rule.kind];
  if (field === undefined) {
    if (next.threshold !== null) return `rule ${rule.kind} has no threshold (null only)`;
    return next;
  }
  const check = HealthThresholds.shape[field].safeParse(next.threshold);
  if (!check.success) return `threshold of ${rule.kind}: ${check.error.issues[0]?.message ?? 'invalid'}`;
  return next;
}

/** The health judgement's thresholds from the rules (a disabled rule still sets its threshold: health does not depend on paging). */
export function thresholdsOf(rules: Iterable<AlertRule>): HealthThresholds {
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const rule of rules) {
    const field = THRESHOLD_FIELD[rule.kind];
    if (field !== undefined && rule.threshold !== null) thresholds[field] = rule.threshold;
  }
  return thresholds;
}
