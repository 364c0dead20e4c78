import { describe, expect, it } from 'vitest';
import { backoffDelay, ROW_BACKOFF } from '../../../electron/host/sync/backoff';
import { decideFailure, planPage } from '../../../electron/host/sync/delivery-plan';
import { buildMessage } from '../../../electron/host/sync/outbox-message';
import type { QueuedRow } from '../../../electron/host/sync/outbox-queue';
import { issueLegs } from '../host/transaction-fixtures';

const TX = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
const NOW = new Date('2025-03-01T08:00:00.000Z');

function row(id: string, overrides: Partial<QueuedRow> = {}): QueuedRow {
  const leg = issueLegs()[0];
  return {
    id,
    transactionId: TX,
    authority: 'national',
    kind: 'invoice.issue',
    payload: JSON.stringify({ ...leg?.payload, transactionId: TX }),
    createdAt: '2025-03-01T07:59:00.000Z',
    attempts: 0,
    nextAttemptAt: '2025-03-01T07:59:00.000Z',
    lastError: null,
    ...overrides,
  };
}
const build = (r: QueuedRow) => buildMessage(r, 'KIOSK-1');

describe('backoff: exponential, jittered, capped', () => {
  const policy = { baseMs: 1000, capMs: 60_000 };

  it('doubles per attempt between half and all of the step', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the cap, however many attempts, jitter included', () => {
    for (const attempt of [7, 20, 1000, Number.MAX_SAFE_INTEGER]) {
      expect(backoffDelay(attempt, policy, () => 0.999999)).toBeLessThanOrEqual(60_000);
      expect(backoffDelay(attempt, policy, () => 0)).toBe(30_000);
    }
    expect(backoffDelay(50, ROW_BACKOFF, () => 1)).toBe(5 * 60_000); // docs/sync.md: capped at 5 min
  });

  it('spreads a fleet: different random draws give different delays', () => {
    const draws = [0.1, 0.5, 0.9].map((r) => backoffDelay(5, policy, () => r));
    expect(new Set(draws).size).toBe(3);
  });
});

describe('order per authority: nothing overtakes a row that is backing off', () => {
  it('publishes due rows from the head and stops at the first one still waiting', () => {
    const rows = [row('A1'), row('A2', { nextAttemptAt: '2025-03-01T08:00:05.000Z', attempts: 1 }), row('A3'), row('A4')];
    const plan = planPage(rows, NOW, build);
    expect(plan.publish.map((m) => m.row.id)).toEqual(['A1']);
    expect(plan.wakeAt).toBe(Date.parse('2025-03-01T08:00:05.000Z'));
  });

  it('holds everything when the head backs off, and sends the whole page in order once it is due', () => {
    const rows = [row('B1', { nextAttemptAt: '2025-03-01T08:01:00.000Z', attempts: 3 }), row('B2'), row('B3')];
    expect(planPage(rows, NOW, build).publish).toEqual([]);
    const later = new Date('2025-03-01T08:01:00.000Z');
    expect(planPage(rows, later, build).publish.map((m) => m.row.id)).toEqual(['B1', 'B2', 'B3']);
  });

  it('parks an invalid row without letting it block the rows behind it', () => {
    const broken = row('C2', { payload: JSON.stringify({ schemaVersion: 1, transactionId: TX, grossFen: -1 }) });
    const plan = planPage([row('C1'), broken, row('C3')], NOW, build);
    expect(plan.publish.map((m) => m.row.id)).toEqual(['C1', 'C3']);
    expect(plan.park).toEqual([{ row: broken, error: expect.stringMatching(/^invalid payload: /) }]);
  });
});

describe('after a failed publish', () => {
  const options = { backoff: { baseMs: 1000, capMs: 8000 }, maxRefusals: 3, random: () => 0 };

  it('retries unroutable, nacked and unknown outcomes with growing delays and never parks them', () => {
    for (const kind of ['unroutable', 'nacked', 'unknown'] as const) {
      const decision = decideFailure({ attempts: 40 }, { kind, error: 'x' }, NOW, options);
      expect(decision).toMatchObject({ action: 'retry', attempts: 41, error: `${kind}: x` });
    }
    const first = decideFailure({ attempts: 0 }, { kind: 'unknown', error: 'x' }, NOW, options);
    const third = decideFailure({ attempts: 2 }, { kind: 'unknown', error: 'x' }, NOW, options);
    if (first.action !== 'retry' || third.action !== 'retry') throw new Error('expected retries');
    expect(first.nextAttemptAt.getTime() - NOW.getTime()).toBe(500);
    expect(third.nextAttemptAt.getTime() - NOW.getTime()).toBe(2000);
  });

  it('parks a row the broker refuses, on the attempt that reaches the limit', () => {
    expect(decideFailure({ attempts: 0 }, { kind: 'refused', error: 'PRECONDITION_FAILED' }, NOW, options)).toMatchObject({ action: 'retry', attempts: 1 });
    expect(decideFailure({ attempts: 2 }, { kind: 'refused', error: 'PRECONDITION_FAILED' }, NOW, options)).toEqual({
      action: 'park',
      attempts: 3,
      error: 'refused by the broker (attempt 3): PRECONDITION_FAILED',
    });
  });
});

describe('the message built from a row', () => {
  it('carries exactly the properties of docs/sync.md and the stored payload byte for byte', () => {
    const r = row('01J0000000000000000000000A');
    const built = build(r);
    if (!built.ok) throw new Error(built.error);
    expect(built.message.exchange).toBe('tax.transactions');
    expect(built.message.routingKey).toBe('national.invoice.issue');
    expect(built.message.content.toString('utf8')).toBe(r.payload);
    expect(built.message.options).toEqual({
      persistent: true,
      mandatory: true,
      messageId: r.id,
      type: 'invoice.issue',
      appId: 'KIOSK-1',
      timestamp: Date.parse(r.createdAt) / 1000,
      contentType: 'application/json',
      headers: { 'schema-version': 1 },
    });
  });

  it('refuses payloads that do not match the row, naming the field but never echoing the value', () => {
    const local = issueLegs()[1];
    const cases: Array<[Partial<QueuedRow>, RegExp]> = [
      [{ payload: 'not json' }, /not JSON/],
      [{ payload: JSON.stringify({ ...local?.payload, transactionId: TX }) }, /do not belong to the national authority/],
      [{ transactionId: '01HYYYYYYYYYYYYYYYYYYYYYYY' }, /transactionId does not match/],
      [{ kind: 'invoice.unknown' }, /invalid payload/],
      [{ payload: JSON.stringify({ ...issueLegs()[0]?.payload, transactionId: TX, buyerName: '张三' }) }, /invalid payload/],
    ];
    for (const [overrides, message] of cases) {
      const built = build(row('D1', overrides));
      expect(built.ok).toBe(false);
      if (!built.ok) {
        expect(built.error).toMatch(message);
        expect(built.error).not.toContain('张三');
      }
    }
  });

  it('validates kiosk rows (audit.entry) by their own schema and authority', () => {
    const payload = {
      schemaVersion: 1,
      seq: 1,
      at: NOW.toISOString(),
      kind: 'session.start',
      actor: 'kiosk',
      data: {},
      prevHash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    };
    const ok = build(row('E1', { transactionId: null, kind: 'audit.entry', payload: JSON.stringify(payload) }));
    expect(ok.ok && ok.message.routingKey).toBe('national.audit.entry');
    const wrongAuthority = build(row('E2', { transactionId: null, authority: 'local', kind: 'audit.entry', payload: JSON.stringify(payload) }));
    expect(wrongAuthority).toMatchObject({ ok: false, error: expect.stringMatching(/does not go to the local authority/) });
  });
});
