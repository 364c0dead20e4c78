import type { ConsoleSession, ConsoleToken, ConsoleUser } from '../../../shared/fleet/console-api';
import { AccountError, type Accounts } from '../accounts';
import type { ActionLog } from '../store/action-log';
import { HttpError, type ApiRequest, type Router } from './router';
import { SESSION_COOKIE } from './server';

/**
 * Users, tokens and sessions (shared/fleet/console-api.ts): admins manage all
 * of them; anyone may list and end their own sessions. Every change is an
 * entry of the action log. The server checks role and CSRF before these run.
 */
export interface AccountRouteDeps {
  accounts: Accounts;
  actions: ActionLog;
}

export function registerAccountRoutes(router: Router, deps: AccountRouteDeps): void {
  const { accounts, actions } = deps;

  router.add('GET', '/api/users', 'admin', () => ({ status: 200, body: accounts.listUsers() satisfies ConsoleUser[] }));

  router.add('DELETE', '/api/users/:name', 'admin', (req) => {
    const name = req.params.name ?? '';
    const removed = refusalsAsHttp(() => accounts.removeUser(name));
    actions.append(actorOf(req), 'user.remove', `${name} (${removed.role}); ${removed.sessionsEnded} session(s) ended`);
    return { status: 200, body: { ok: true } };
  });

  router.add('GET', '/api/tokens', 'admin', () => ({ status: 200, body: accounts.listTokens() satisfies ConsoleToken[] }));

  router.add('DELETE', '/api/tokens/:id', 'admin', (req) => {
    const raw = req.params.id ?? '';
    const id = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id)) throw new HttpError(404, `no token ${raw}`);
    const revoked = refusalsAsHttp(() => accounts.revokeToken(id));
    actions.append(actorOf(req), 'token.revoke', `${revoked.id} ${revoked.name} (${revoked.role})`);
    return { status: 200, body: revoked satisfies ConsoleToken };
  });

  router.add('GET', '/api/sessions', 'viewer', (req) => {
    const sessions = accounts.listSessions(ownerFilter(req), req.principal?.sessionHash ?? null);
    return { status: 200, body: sessions satisfies ConsoleSession[] };
  });

  router.add('DELETE', '/api/sessions/:id', 'viewer', (req) => {
    const ref = req.params.id ?? '';
    const ended = refusalsAsHttp(() => accounts.endSession(ref, ownerFilter(req), req.principal?.sessionHash ?? null));
    actions.append(actorOf(req), 'session.end', `a session of ${ended.userName}`);
    // Ending the session this request came with is a logout: the browser drops the cookie too.
    const headers = ended.wasCurrent ? { 'set-cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` } : undefined;
    return { status: 200, body: { ok: true }, headers };
  });
}

function actorOf(req: ApiRequest): string {
  return req.principal?.name ?? '?';
}

/** An admin sees and ends every session; anyone else only their own (a token, having none, sees none). */
function ownerFilter(req: ApiRequest): string | null {
  const principal = req.principal;
  if (principal === null) throw new HttpError(401, 'log in first');
  return principal.role === 'admin' ? null : principal.name;
}

function refusalsAsHttp<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof AccountError) throw new HttpError(error.problem === 'unknown' ? 404 : 409, error.message);
    throw error;
  }
}
