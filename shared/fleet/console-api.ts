import { z } from 'zod';
import { Heartbeat } from './heartbeat';
import { Health, ReasonCode } from './health';
import { ApiErrorCode, ApiErrorParams, HaltPart, RefusalCode } from './console-codes';

/**
 * The fleet console's JSON API (backend/console, docs/console.md): the shapes
 * its server answers and its page and scripts read. Every route needs a
 * session (cookie, plus the CSRF header on writes) or `Authorization: Bearer
 * <token>`; without either the answer is 401 with `{ error }`.
 */
export const Role = z.enum(['viewer', 'operator', 'admin']);
export type Role = z.infer<typeof Role>;

export const ApiReason = z.strictObject({ code: ReasonCode, subject: z.string().nullable(), value: z.number().nullable() });
export type ApiReason = z.infer<typeof ApiReason>;

/** GET /api/summary */
export const Summary = z.strictObject({
  /** How many kiosks the console knows (ever sent a heartbeat). */
  kiosks: z.number().int().min(0),
  byHealth: z.record(Health, z.number().int().min(0)),
  byBranch: z.array(z.strictObject({ branchId: z.string(), kiosks: z.number().int(), byHealth: z.record(Health, z.number().int().min(0)) })),
  /** How many kiosks each reason applies to now. */
  byReason: z.partialRecord(ReasonCode, z.number().int().min(0)),
  openAlerts: z.number().int().min(0),
  /** Heartbeats taken off the broker since the console started, and how many were not heartbeats. */
  ingest: z.strictObject({ received: z.number().int().min(0), rejected: z.number().int().min(0), lastAt: z.string().nullable() }),
  generatedAt: z.string(),
});
export type Summary = z.infer<typeof Summary>;

/** One row of GET /api/kiosks?branch=&state=&reason=&q=&limit=&offset= */
export const KioskRow = z.strictObject({
  kioskId: z.string(),
  branchId: z.string(),
  health: Health,
  reasons: z.array(ApiReason),
  lastHeartbeatAt: z.string(),
  ageSeconds: z.number().int().min(0),
  appVersion: z.string(),
  configVersion: z.number().int().nullable(),
  /** The version the rollout targeting this kiosk wants; null when none does. */
  targetConfigVersion: z.number().int().nullable(),
});
export type KioskRow = z.infer<typeof KioskRow>;

export const KioskList = z.strictObject({ total: z.number().int().min(0), kiosks: z.array(KioskRow) });
export type KioskList = z.infer<typeof KioskList>;

export const TimelineEntry = z.strictObject({
  at: z.string(),
  /** health (a change of health), reason (a reason appeared or cleared), config, rollout, alert, seen (first heartbeat). */
  kind: z.enum(['seen', 'health', 'reasonOn', 'reasonOff', 'config', 'rollout', 'alert']),
  /** Short machine text: the new health, the reason code, `applied v7`, `refused v7: <reason>`. */
  detail: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** GET /api/kiosks/:id */
export const KioskDetail = z.strictObject({
  row: KioskRow,
  /** The last heartbeat as the kiosk sent it (v1 heartbeats read as v2 with unknowns). */
  heartbeat: Heartbeat,
  audit: z.strictObject({
    head: z.strictObject({ seq: z.number().int(), hash: z.string() }).nullable(),
    /** False once a heartbeat's head went backwards or forked from one seen before. */
    continuous: z.boolean(),
  }),
  timeline: z.array(TimelineEntry),
});
export type KioskDetail = z.infer<typeof KioskDetail>;

export const AlertKind = z.enum(['heartbeatMissed', 'paperLow', 'paperOut', 'deviceDown', 'stockLow', 'outboxOld', 'configRefused', 'auditRegressed']);
export type AlertKind = z.infer<typeof AlertKind>;

/** GET /api/rules, PUT /api/rules/:id (admin) */
export const AlertRule = z.strictObject({
  id: z.string(),
  kind: AlertKind,
  enabled: z.boolean(),
  /** Seconds (heartbeatMissed), forms (stockLow), minutes (outboxOld); null for the others. */
  threshold: z.number().int().min(0).nullable(),
  /** POSTed a JSON body on raise and on clear; null for none. */
  webhookUrl: z.url().nullable(),
});
export type AlertRule = z.infer<typeof AlertRule>;

/** GET /api/alerts?open=1 ; POST /api/alerts/:id/ack (operator) */
export const Alert = z.strictObject({
  id: z.number().int(),
  kioskId: z.string(),
  branchId: z.string(),
  kind: AlertKind,
  subject: z.string().nullable(),
  /** Short machine text: `paperOut receipt`, `stockLow VAT-normal 12`. */
  detail: z.string(),
  /** detail as the reason's codes, for the page to put in words; null for a detail it cannot read. */
  reason: ApiReason.nullable(),
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
  ack: z.strictObject({ by: z.string(), at: z.string(), note: z.string() }).nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const WaveSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('kiosks'), kioskIds: z.array(z.string()).min(1).max(100) }),
  z.strictObject({ kind: z.literal('percentOfBranch'), branchId: z.string(), percent: z.number().int().min(1).max(100) }),
  z.strictObject({ kind: z.literal('branch'), branchId: z.string() }),
  z.strictObject({ kind: z.literal('all') }),
]);
export type WaveSpec = z.infer<typeof WaveSpec>;

export const RolloutState = z.enum(['running', 'halted', 'completed', 'aborted']);
export type RolloutState = z.infer<typeof RolloutState>;

export const TargetState = z.enum(['pending', 'applied', 'refused', 'silent']);
export type TargetState = z.infer<typeof TargetState>;

/**
 * GET /api/rollouts, GET /api/rollouts/:id ;
 * POST /api/rollouts (admin, body { bundle, waves, silentAfterSeconds, maxSilentPercent }) ;
 * POST /api/rollouts/:id/resume|abort (admin)
 */
export const Rollout = z.strictObject({
  id: z.number().int(),
  configVersion: z.number().int(),
  bundleHash: z.string(),
  state: RolloutState,
  /** Why it halted by itself (`wave 1: KIOSK-0003 refused: …`), or who halted it. */
  haltReason: z.string().nullable(),
  /** haltReason as codes (console-codes.ts) for the page to put in words; null when haltReason is. */
  haltDetail: z.array(HaltPart).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  silentAfterSeconds: z.number().int().min(10),
  maxSilentPercent: z.number().int().min(0).max(100),
  currentWave: z.number().int().min(0),
  waves: z.array(
    z.strictObject({
      index: z.number().int().min(0),
      spec: WaveSpec,
      startedAt: z.string().nullable(),
      counts: z.record(TargetState, z.number().int().min(0)),
    }),
  ),
});
export type Rollout = z.infer<typeof Rollout>;

/** GET /api/rollouts/:id/targets?state= */
export const RolloutTarget = z.strictObject({
  kioskId: z.string(),
  wave: z.number().int(),
  state: TargetState,
  /** The kiosk's refusal text, as its heartbeat sent it. */
  reason: z.string().nullable(),
  /** The code at the start of reason (`other` when none); null when reason is. */
  reasonCode: RefusalCode.nullable(),
  at: z.string().nullable(),
});
export type RolloutTarget = z.infer<typeof RolloutTarget>;

/** GET /api/audit (admin): the console's own hash-chained log of who did what. */
export const ActionEntry = z.strictObject({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  detail: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type ActionEntry = z.infer<typeof ActionEntry>;

/** POST /api/login { name, password } → { name, role, csrf } (and the session cookie); GET /api/me; POST /api/logout */
export const Me = z.strictObject({ name: z.string(), role: Role, csrf: z.string() });
export type Me = z.infer<typeof Me>;

/** GET /api/users (admin); DELETE /api/users/:name (admin; 409 for the last admin) → { ok: true } */
export const ConsoleUser = z.strictObject({
  name: z.string(),
  role: Role,
  createdAt: z.string(),
  /** The last successful login; null when never (or before the console recorded it). */
  lastLoginAt: z.string().nullable(),
});
export type ConsoleUser = z.infer<typeof ConsoleUser>;

/** GET /api/tokens (admin); DELETE /api/tokens/:id (admin) → the revoked ConsoleToken. Never the token or its hash. */
export const ConsoleToken = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  createdAt: z.string(),
  /** Recorded to the minute; null when never used (or not since the console recorded it). */
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ConsoleToken = z.infer<typeof ConsoleToken>;

/** GET /api/sessions (an admin sees all, anyone else their own); DELETE /api/sessions/:id → { ok: true } */
export const ConsoleSession = z.strictObject({
  /** A random reference, not the cookie nor its hash. */
  id: z.string(),
  userName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type ConsoleSession = z.infer<typeof ConsoleSession>;

/**
 * Every refusal. `error` is English for scripts and people; `code` (and its
 * params) the same for the page to say in the reader's language. Optional: a
 * proxy or an older server sends `error` alone.
 */
export const ApiError = z.strictObject({ error: z.string(), code: ApiErrorCode.optional(), params: ApiErrorParams.optional() });
export type ApiError = z.infer<typeof ApiError>;
