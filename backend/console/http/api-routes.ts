import { z } from 'zod';
import type { ActionEntry, Alert, AlertRule, KioskDetail, KioskList, KioskRow, Me, Summary } from '../../../shared/fleet/console-api';
import { countByHealth, Health, ReasonCode, type Assessment } from '../../../shared/fleet/health';
import type { Auth, LoginThrottle } from '../auth';
import { USER_NAME } from '../auth';
import type { ActionLog } from '../store/action-log';
import type { Alerts } from '../alerts';
import type { Fleet, KioskState } from '../fleet';
import type { IngestStats } from '../ingest';
import { RulePatch } from '../alert-rules';
import { errorBody, HttpError, parseBody, type ApiResponse, type Router } from './router';
import { SESSION_COOKIE } from './server';
import { SESSION_HOURS } from '../auth';

/** The routes of shared/fleet/console-api.ts (rollouts are registered by their own module). */
export interface ApiDeps {
  auth: Auth;
  throttle: LoginThrottle;
  actions: ActionLog;
  fleet: Fleet;
  alerts: Alerts;
  ingest: () => IngestStats;
  now: () => Date;
}

const HEALTH_ORDER: Record<Health, number> = { down: 0, stale: 1, visit: 2, ok: 3 };
const TIMELINE_LIMIT = 200;

const Login = z.strictObject({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
const Ack = z.strictObject({ note: z.string().max(500).default('') });

export function registerApiRoutes(router: Router, deps: ApiDeps): void {
  const { fleet, alerts, actions, auth } = deps;

  router.add('GET', '/api/summary', 'viewer', () => {
    const judged = [...fleet.kiosks.values()].map((state) => ({ state, judged: fleet.assess(state) }));
    const branches = new Map<string, Health[]>();
    const byReason: Partial<Record<ReasonCode, number>> = {};
    for (const { state, judged: j } of judged) {
      const list = branches.get(state.heartbeat.branchId) ?? [];
      list.push(j.health);
      branches.set(state.heartbeat.branchId, list);
      for (const code of new Set(j.reasons.map((r) => r.code))) byReason[code] = (byReason[code] ?? 0) + 1;
    }
    const stats = deps.ingest();
    const summary: Summary = {
      kiosks: judged.length,
      byHealth: countByHealth(judged.map((j) => j.judged.health)),
      byBranch: [...branches.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([branchId, healths]) => ({ branchId, kiosks: healths.length, byHealth: countByHealth(healths) })),
      byReason,
      openAlerts: alerts.openCount(),
      ingest: { received: stats.received, rejected: stats.rejected, lastAt: stats.lastAt },
      generatedAt: deps.now().toISOString(),
    };
    return { status: 200, body: summary };
  });

  router.add('GET', '/api/kiosks', 'viewer', (req) => {
    const q = req.query;
    const state = optionalEnum(Health, q.get('state'), 'state');
    const reason = optionalEnum(ReasonCode, q.get('reason'), 'reason');
    const branch = q.get('branch') || null;
    const search = (q.get('q') ?? '').trim().toLowerCase();
    const limit = intParam(q.get('limit'), 100, 1, 5000, 'limit');
    const offset = intParam(q.get('offset'), 0, 0, 1_000_000, 'offset');
    const rows: KioskRow[] = [];
    for (const kiosk of fleet.kiosks.values()) {
      if (branch !== null && kiosk.heartbeat.branchId !== branch) continue;
      if (search !== '' && !kiosk.heartbeat.kioskId.toLowerCase().includes(search)) continue;
      const judged = fleet.assess(kiosk);
      if (state !== null && judged.health !== state) continue;
      if (reason !== null && !judged.reasons.some((r) => r.code === reason)) continue;
      rows.push(rowOf(fleet, kiosk, judged));
    }
    // Those needing someone first, then by id.
    rows.sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || a.kioskId.localeCompare(b.kioskId));
    const list: KioskList = { total: rows.length, kiosks: rows.slice(offset, offset + limit) };
    return { status: 200, body: list };
  });

  router.add('GET', '/api/kiosks/:id', 'viewer', (req) => {
    const kiosk = fleet.kiosks.get(req.params.id ?? '');
    if (!kiosk) throw new HttpError(404, `no kiosk ${req.params.id ?? ''} has sent a heartbeat`);
    const detail: KioskDetail = {
      row: rowOf(fleet, kiosk, fleet.assess(kiosk)),
      heartbeat: kiosk.heartbeat,
      audit: { head: kiosk.auditHead, continuous: kiosk.auditContinuous },
      timeline: fleet.timelineOf(kiosk.heartbeat.kioskId, TIMELINE_LIMIT),
    };
    return { status: 200, body: detail };
  });

  router.add('GET', '/api/alerts', 'viewer', (req) => {
    const open = req.query.get('open');
    const kioskId = req.query.get('kiosk');
    const result = alerts.list({
      open: open === '1' || open === 'true' ? true : open === '0' || open === 'false' ? false : undefined,
      kioskId: kioskId ?? undefined,
      limit: intParam(req.query.get('limit'), 200, 1, 5000, 'limit'),
      offset: intParam(req.query.get('offset'), 0, 0, 1_000_000, 'offset'),
    });
    // An array of Alert (console-api.ts); the count of all matching in a header, for paging.
    return { status: 200, body: result.alerts satisfies Alert[], headers: { 'x-total-count': String(result.total) } };
  });

  router.add('POST', '/api/alerts/:id/ack', 'operator', (req) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id)) throw new HttpError(404, 'no such alert');
    const { note } = parseBody(Ack, req.body);
    const who = req.principal?.name ?? '?';
    const result = alerts.ack(id, who, note, deps.now().toISOString());
    if (result === null) throw new HttpError(404, `no alert ${id}`);
    if (result === 'already') throw new HttpError(409, `alert ${id} is already acknowledged`);
    actions.append(who, 'alert.ack', `alert ${id} ${result.kind} ${result.kioskId}${note ? `: ${note}` : ''}`);
    return { status: 200, body: result };
  });

  router.add('GET', '/api/rules', 'viewer', () => ({ status: 200, body: alerts.listRules() satisfies AlertRule[] }));

  router.add('PUT', '/api/rules/:id', 'admin', (req) => {
    const patch = parseBody(RulePatch, req.body);
    const result = alerts.updateRule(req.params.id ?? '', patch);
    if (result === null) throw new HttpError(404, `no rule ${req.params.id ?? ''}`);
    if (typeof result === 'string') throw new HttpError(400, result);
    actions.append(
      req.principal?.name ?? '?',
      'rule.update',
      `${result.id}: enabled=${result.enabled} threshold=${result.threshold ?? 'none'} webhook=${result.webhookUrl ? new URL(result.webhookUrl).host : 'none'}`,
    );
    // The thresholds are the health judgement's: every kiosk is judged again at once, its alerts by the new rule.
    fleet.sweep(true);
    return { status: 200, body: result };
  });

  router.add('GET', '/api/audit', 'admin', (req) => {
    const before = req.query.get('before');
    const entries: ActionEntry[] = actions.list(
      intParam(req.query.get('limit'), 200, 1, 5000, 'limit'),
      before === null ? null : intParam(before, 0, 1, Number.MAX_SAFE_INTEGER, 'before'),
    );
    return { status: 200, body: entries };
  });

  router.add('POST', '/api/login', null, async (req): Promise<ApiResponse> => {
    const { name, password } = parseBody(Login, req.body);
    const keys = [`name:${name}`, `addr:${req.remote}`];
    const wait = deps.throttle.waitMs(keys);
    if (wait > 0) {
      return {
        status: 429,
        body: errorBody(429, `too many failed logins: try again in ${Math.ceil(wait / 1000)} s`, 'throttled', { seconds: Math.ceil(wait / 1000) }),
        headers: { 'retry-after': String(Math.ceil(wait / 1000)) },
      };
    }
    const user = await auth.checkPassword(name, password);
    if (!user) {
      deps.throttle.failed(keys);
      // The name only if it is a plausible one: a password typed into the name field must not reach the log.
      actions.append(USER_NAME.test(name) && name.length <= 32 ? name : '?', 'login.failed', `from ${req.remote}`);
      throw new HttpError(401, 'wrong name or password', 'wrongLogin', {});
    }
    deps.throttle.succeeded(`name:${name}`);
    const session = auth.createSession(user.name);
    actions.append(user.name, 'login', `from ${req.remote}`);
    const me: Me = { name: user.name, role: user.role, csrf: session.csrf };
    return {
      status: 200,
      body: me,
      headers: { 'set-cookie': `${SESSION_COOKIE}=${session.id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_HOURS * 3600}` },
    };
  });

  router.add('POST', '/api/logout', 'viewer', (req) => {
    const principal = req.principal;
    if (principal?.sessionHash) auth.endSession(principal.sessionHash);
    actions.append(principal?.name ?? '?', 'logout', '');
    return { status: 200, body: { ok: true }, headers: { 'set-cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` } };
  });

  router.add('GET', '/api/me', 'viewer', (req) => {
    const principal = req.principal;
    if (!principal) throw new HttpError(401, 'log in first');
    // A token has no CSRF token: it needs none.
    const me: Me = { name: principal.name, role: principal.role, csrf: principal.csrf ?? '' };
    return { status: 200, body: me };
  });
}

function rowOf(fleet: Fleet, kiosk: KioskState, judged: Assessment): KioskRow {
  const h = kiosk.heartbeat;
  return {
    kioskId: h.kioskId,
    branchId: h.branchId,
    health: judged.health,
    reasons: judged.reasons,
    lastHeartbeatAt: h.sentAt,
    ageSeconds: judged.ageSeconds,
    appVersion: h.appVersion,
    configVersion: h.config.version,
    targetConfigVersion: fleet.targetOf(h.kioskId),
  };
}

function optionalEnum<T extends string>(schema: z.ZodEnum<Record<T, T>>, value: string | null, name: string): T | null {
  if (value === null || value === '') return null;
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, `${name} must be one of ${schema.options.join(', ')}`);
  return result.data as T;
}

function intParam(value: string | null, fallback: number, min: number, max: number, name: string): number {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw new HttpError(400, `${name} must be an integer from ${min} to ${max}`);
  return n;
}
