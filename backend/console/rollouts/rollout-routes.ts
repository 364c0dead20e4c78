import { z } from 'zod';
import { MAX_SIGNED_FILE_BYTES } from '../../../electron/host/config/bundle-signature';
import { TargetState, WaveSpec, type ApiError, type Role } from '../../../shared/fleet/console-api';
import { errorCodeForStatus, type ApiErrorCode, type ApiErrorParams } from '../../../shared/fleet/console-codes';
import { RolloutError, type RolloutEngine } from './rollout-engine';

/**
 * The rollout part of the console's JSON API, written against a minimal
 * request/response interface so the console server only adapts its own
 * (authentication, CSRF, JSON parsing and the action log's actor are the
 * server's; it calls a route only for a caller holding at least `role`, and
 * each handler checks that again). Answers:
 *
 *   GET  /api/rollouts                      viewer  200 Rollout[] (newest first)
 *   GET  /api/rollouts/:id                  viewer  200 Rollout | 404
 *   GET  /api/rollouts/:id/targets?state=   viewer  200 RolloutTarget[] (by wave, kiosk) | 400 | 404
 *   POST /api/rollouts                      admin   201 Rollout | 400 | 409
 *   POST /api/rollouts/:id/resume           admin   200 Rollout | 404 | 409
 *   POST /api/rollouts/:id/abort            admin   200 Rollout | 404 | 409
 *
 * Refusals are `{ error, code, params }` (ApiError): a message an administrator
 * can act on, and the same as a code for the page (console-codes.ts).
 */
export interface RouteRequest {
  method: string;
  path: string;
  /** Named path segments (`:id`), as the server's router matched them. */
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** The parsed JSON body (undefined for none): untrusted, checked here. */
  body: unknown;
  /** The authenticated caller. */
  actor: { name: string; role: Role };
}

export interface RouteResponse {
  status: number;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Express-style pattern: `/api/rollouts/:id`. */
  path: string;
  /** The least role that may call it. */
  role: Role;
  handle(req: RouteRequest): Promise<RouteResponse>;
}

/** Defaults the page offers: 15 minutes of silence makes a kiosk silent; 10 % silent kiosks halt a wave. */
export const DEFAULT_SILENT_AFTER_SECONDS = 900;
export const DEFAULT_MAX_SILENT_PERCENT = 10;

/** Base64 of at most MAX_SIGNED_FILE_BYTES bytes (4 characters per 3 bytes). */
const MAX_BASE64_CHARS = Math.ceil(MAX_SIGNED_FILE_BYTES / 3) * 4;

/**
 * POST /api/rollouts. `bundle` is the file `kioskctl config sign` wrote, as
 * base64 of its bytes (forwarded to kiosks unchanged) or as the JSON object
 * itself (forwarded as compact JSON: the signature covers the bundle's
 * canonical form, so it verifies either way).
 */
export const CreateRolloutBody = z.strictObject({
  bundle: z.union([z.base64().max(MAX_BASE64_CHARS), z.record(z.string(), z.unknown())]),
  waves: z.array(WaveSpec).min(1).max(20),
  silentAfterSeconds: z
    .number()
    .int()
    .min(10)
    .max(7 * 24 * 3600)
    .default(DEFAULT_SILENT_AFTER_SECONDS),
  maxSilentPercent: z.number().int().min(0).max(100).default(DEFAULT_MAX_SILENT_PERCENT),
});
export type CreateRolloutBody = z.input<typeof CreateRolloutBody>;

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const RolloutId = z.string().regex(/^[1-9]\d{0,15}$/);

export function rolloutRoutes(engine: RolloutEngine): Route[] {
  const route = (method: Route['method'], path: string, role: Role, handler: (req: RouteRequest) => Promise<RouteResponse> | RouteResponse): Route => ({
    method,
    path,
    role,
    async handle(req) {
      if (RANK[req.actor.role] < RANK[role]) return error(403, `this needs the ${role} role`, 'forbidden', { role });
      try {
        return await handler(req);
      } catch (e) {
        if (e instanceof RolloutError) return error(e.kind === 'notFound' ? 404 : e.kind === 'conflict' ? 409 : 400, e.message, e.code, e.params);
        throw e;
      }
    },
  });
  const idOf = (req: RouteRequest): number | null => {
    const id = RolloutId.safeParse(req.params.id);
    return id.success ? Number(id.data) : null;
  };
  const noRollout = (req: RouteRequest) => error(404, `no rollout ${req.params.id ?? ''}`);

  return [
    route('GET', '/api/rollouts', 'viewer', () => ok(engine.list())),
    route('GET', '/api/rollouts/:id', 'viewer', (req) => {
      const id = idOf(req);
      const rollout = id === null ? null : engine.get(id);
      return rollout ? ok(rollout) : noRollout(req);
    }),
    route('GET', '/api/rollouts/:id/targets', 'viewer', (req) => {
      const id = idOf(req);
      if (id === null) return noRollout(req);
      let state: TargetState | undefined;
      if (req.query.state !== undefined && req.query.state !== '') {
        const parsed = TargetState.safeParse(req.query.state);
        if (!parsed.success) return error(400, `state must be one of ${TargetState.options.join(', ')}`);
        state = parsed.data;
      }
      const targets = engine.targets(id, state);
      return targets ? ok(targets) : noRollout(req);
    }),
    route('POST', '/api/rollouts', 'admin', async (req) => {
      const parsed = CreateRolloutBody.safeParse(req.body);
      if (!parsed.success) return error(400, `not a rollout: ${z.prettifyError(parsed.error)}`);
      const { bundle, ...rest } = parsed.data;
      const bytes = typeof bundle === 'string' ? Buffer.from(bundle, 'base64') : Buffer.from(JSON.stringify(bundle), 'utf8');
      return { status: 201, body: await engine.create({ bundle: bytes, ...rest }, req.actor.name) };
    }),
    route('POST', '/api/rollouts/:id/resume', 'admin', async (req) => {
      const id = idOf(req);
      return id === null ? noRollout(req) : ok(await engine.resume(id, req.actor.name));
    }),
    route('POST', '/api/rollouts/:id/abort', 'admin', async (req) => {
      const id = idOf(req);
      return id === null ? noRollout(req) : ok(await engine.abort(id, req.actor.name));
    }),
  ];
}

function ok(body: unknown): RouteResponse {
  return { status: 200, body };
}

function error(status: number, message: string, code: ApiErrorCode = errorCodeForStatus(status), params: ApiErrorParams = { detail: message }): RouteResponse {
  const body: ApiError = { error: message, code, params };
  return { status, body };
}
