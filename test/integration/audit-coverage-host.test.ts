import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import type { IssueDraft, PayResult, PrintResult } from '../../shared/contract/services/issuance';
import type { CertificateBounds, CertificatePrintResult } from '../../shared/contract/services/certificate';
import { kioskctl } from '../unit/host/config-fixtures';
import { hostCalls } from './host-calls';
import { waitFor } from './sync-helpers';

/**
 * Issue 13: issuance steps (quoted, paid, printed), certificates, eligibility
 * refusals and rejected cards wrote no audit entry (`card.rejected` was only
 * logged). Every state a transaction reaches, every refusal and every refused
 * card is now an entry, masked, and the chain verifies.
 */
let host: KioskHost;
const { call } = hostCalls(() => host);
let dataDir: string;

const PERSON_ID = '11010519491231002X';
const SHOP = '92110101L000000116';
const ARREARS = '91370102MA01TK027N';
const SMALL: IssueDraft = {
  taxpayerId: SHOP,
  buyer: { kind: 'individual', name: '王小明' },
  lines: [{ name: '*日用品*文具', unit: '件', quantity: '4', unitPrice: '250.00', amountFen: 100_000 }],
};

type Entry = { seq: number; kind: string; data: Record<string, unknown> };
async function trail(): Promise<Entry[]> {
  const r = await kioskctl('audit', 'tail', '-n', '500', '--json', '--data-dir', dataDir);
  expect(r.code).toBe(0);
  return (r.json() as { entries: Entry[] }).entries;
}
const stepsOf = (entries: Entry[], transactionId: string) =>
  entries.filter((e) => e.kind === 'transaction.step' && e.data.transactionId === transactionId).map((e) => String(e.data.step));

async function sessionState(): Promise<string> {
  return (await call<{ state: string }>('session.get')).state;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-audit-coverage-'));
  host = await createHost({ dataDir, shell: 'chromium', configOverrides: { sandbox: { paymentAutoConfirmMs: null } } });
  await host.start();
  await waitFor(async () => {
    const s = await call<{ receipt: { device: string; paper: string }; invoice: { device: string; paper: string } }>('devices.status');
    return [s.receipt, s.invoice].every((p) => p.device === 'online' && p.paper !== 'out') ? true : undefined;
  });
}, 30_000);
afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('every business step and refusal is an audit entry (issue 13)', () => {
  it('a refused card: its type and why, nothing else', async () => {
    await call('sim.idcard.place', { profile: 'resident-expired' });
    await waitFor(async () => ((await sessionState()) === 'cardRejected' ? true : undefined));
    await call('sim.idcard.lift');
    const rejected = (await trail()).filter((e) => e.kind === 'card.rejected');
    expect(rejected.map((e) => e.data)).toEqual([{ cardType: 'resident', rejection: 'expired' }]);
  }, 30_000);

  it('an issuance from quote to invoice, a refused seller and a certificate, each step in order', async () => {
    await waitFor(async () => ((await sessionState()) === 'idle' ? true : undefined));
    await call('sim.idcard.place', { profile: 'resident' });
    await waitFor(async () => ((await sessionState()) === 'active' ? true : undefined));

    expect(await call('issuance.seller', { taxpayerId: ARREARS })).toMatchObject({ outcome: 'refused', refusal: { reason: 'sellerHasArrears' } });
    const paid = await call<PayResult>('issuance.pay', SMALL);
    if (paid.outcome !== 'awaitingPayment') throw new Error(`not awaiting payment: ${JSON.stringify(paid)}`);
    const issueId = paid.payment.transactionId;
    expect(await call('sim.payment.confirm')).toEqual({ confirmed: true });
    await waitFor(async () => ((await call<{ status: string }>('issuance.paymentStatus', { transactionId: issueId })).status === 'paid' ? true : undefined));
    expect((await call<PrintResult>('issuance.print', { transactionId: issueId })).outcome).toBe('completed');

    const bounds = await call<CertificateBounds>('certificate.periods');
    const preset = bounds.presets.find((p) => p.id === 'last12Months');
    if (!preset) throw new Error('no preset');
    const cert = await call<CertificatePrintResult>('certificate.print', { from: preset.from, to: preset.to });
    expect(cert.outcome).toBe('completed');
    await call('sim.idcard.lift');
    await waitFor(async () => ((await sessionState()) === 'idle' ? true : undefined));

    const entries = await trail();
    expect(stepsOf(entries, issueId)).toEqual(['quoted', 'paymentPending', 'paid', 'printing', 'printed', 'completed']);
    expect(entries.find((e) => e.kind === 'transaction.step' && e.data.transactionId === issueId && e.data.step === 'quoted')?.data.detail).toMatch(
      /^national \d+ fen, local \d+ fen$/,
    );
    if (cert.outcome !== 'completed') return;
    expect(stepsOf(entries, cert.transactionId)).toEqual(['created', 'printing', 'printed', 'completed']);
    expect(entries.filter((e) => e.kind === 'service.refused').map((e) => e.data)).toContainEqual({ method: 'issuance.seller', reason: 'sellerHasArrears' });

    const all = JSON.stringify(entries);
    for (const secret of [PERSON_ID, '测试甲', '王小明']) expect(all).not.toContain(secret);
    const verdict = await kioskctl('audit', 'verify', '--json', '--data-dir', dataDir);
    expect(verdict.code).toBe(0);
  }, 60_000);
});
