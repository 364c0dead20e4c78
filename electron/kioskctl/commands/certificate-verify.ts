import path from 'node:path';
import { isBackendError, validatingBackend, type BackendReply, type TaxBackend } from '../../../shared/backend';
import type { LocalConfig } from '../../../shared/config/local-config';
import { formatVerificationCode, isValidVerificationCode, normalizeVerificationCode } from '../../../shared/domain/verification-code';
import { loadLocalConfig } from '../../host/local-config';
import { SANDBOX_BACKEND_FILE } from '../../host/services/tax-backend-choice';
import { AMQP_TLS_OPTIONS, brokerUrl, tlsFromFlags, withTlsParams, type BrokerTlsFiles } from '../../host/sync/amqp-tls';
import { AmqpRpcClient, amqpTaxBackend } from '../../host/sync/rpc-client';
import { createSandboxBackend } from '../../host/services/tax-backend-choice';
import { EXIT, UsageError, type Command } from '../command';
import { dataDirOf } from './config-io';
import { AMQP_OPTION, amqpGiven } from '../amqp-flag';

const HELP = `Usage: kioskctl certificate verify CODE [--amqp URL] [--data-dir DIR] [--json]

Asks the tax backend what it knows of the IIT payment certificate printed
with this verification code, as a bank or a visa office would check it: the
period, the number of records and the total, when it was issued, and the
holder's name masked (never the ID number). CODE as printed (groups of four
with hyphens) or typed without them, upper or lower case; its check character
is checked before anything is asked. A certificate is known to the backend
once its iit.certificate message has been delivered (kioskctl outbox status).

The backend: the broker of --amqp URL, else KIOSK_AMQP_URL, else kiosk.json's
backend (amqp transport), else the in-process sandbox in the data directory.

Options:
  --amqp URL      the broker (amqp:// on loopback, else amqps://)
                  (repeat --amqp for each node of a cluster)
  --amqp-ca FILE, --amqp-cert FILE, --amqp-key FILE
                  amqps: the broker's CA, the kiosk's client certificate and key (PEM)
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"found":true,"code","from","to","recordCount",
                  "totalFen"|null,"issuedAt","holderMaskedName"|null} or {"found":false,"code"}

Exit codes:
  0   found: the certificate is known to the backend
  2   not found (not issued, or its message not delivered yet), or CODE is not a
      verification code (wrong length, characters or check character)
  3   the backend could not be asked (unreachable, no answer)
  64  no CODE, more than one, or an unknown flag`;

type Verify = Pick<TaxBackend, 'certificateVerify' | 'creditCertificateVerify'>;

type Found<M extends 'certificate.verify' | 'creditCertificate.verify'> = Extract<BackendReply<M>, { outcome: 'found' }>;

/**
 * What `certificate verify` and `certificate verify-credit` share: the code
 * checked before anything is asked, the backend asked, and found / not found /
 * unreachable as the same exit codes and the same JSON.
 */
export async function verifyByCode<M extends 'certificate.verify' | 'creditCertificate.verify'>(
  values: Parameters<Command['run']>[0],
  positionals: Parameters<Command['run']>[1],
  io: Parameters<Command['run']>[2],
  kind: { command: string; label: string; ask: (backend: Verify, code: string) => Promise<BackendReply<M>>; describe: (answer: Found<M>) => string[] },
): Promise<number> {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the verification code' : `unexpected argument "${positionals[1]}"`);
  const code = normalizeVerificationCode(positionals[0] ?? '');
  if (!isValidVerificationCode(code)) {
    // Not echoed: what was typed may be anything (a pasted ID number).
    if (values.json) io.out(JSON.stringify({ found: false, code: null, reason: 'invalidCode' }));
    io.err(`kioskctl ${kind.command}: not a verification code (17 characters of 0-9 and A-Z without I, O, S, V, Z; the last one a check character)`);
    return EXIT.refused;
  }
  const dataDir = dataDirOf(values);
  const config = loadLocalConfig(dataDir);
  const given = amqpGiven(values, process.env);
  const link = openBackend(dataDir, config, { ...(given !== undefined ? { url: given } : {}), tls: tlsFromFlags(values) });
  let answer: BackendReply<M>;
  try {
    answer = await kind.ask(link.backend, code);
  } catch (error) {
    if (!isBackendError(error)) throw error;
    io.err(`kioskctl ${kind.command}: the backend could not be asked: ${error.code}: ${error.message}`);
    return EXIT.deviceError;
  } finally {
    await link.close();
  }
  if (answer.outcome === 'notFound') {
    if (values.json) io.out(JSON.stringify({ found: false, code }));
    else io.out(`${kind.label} ${formatVerificationCode(code)}: NOT FOUND (not issued, or its message not delivered to the backend yet)`);
    return EXIT.notFound;
  }
  const found = answer as Found<M>;
  const { outcome: _outcome, ...facts } = found;
  if (values.json) io.out(JSON.stringify({ found: true, ...facts }));
  else for (const line of kind.describe(found)) io.out(line);
  return EXIT.ok;
}

/** The backend the kiosk reports to, as `audit verify --backend` picks it (also `certificate verify-credit`). */
export function openBackend(dataDir: string, config: LocalConfig, given: { url?: string; tls: BrokerTlsFiles }): { backend: Verify; close(): Promise<void> } {
  const url =
    given.url !== undefined
      ? withTlsParams(given.url, { ...config.backend.tls, ...given.tls })
      : config.backend.transport === 'amqp'
        ? brokerUrl({ ...config.backend, tls: { ...config.backend.tls, ...given.tls } })
        : undefined;
  if (url !== undefined) {
    const client = new AmqpRpcClient({ url, appId: config.kioskId, timeoutMs: config.backend.queryTimeoutMs, declareTopology: config.backend.declareTopology });
    return { backend: amqpTaxBackend(client), close: () => client.close() };
  }
  const sandbox = createSandboxBackend({ dbPath: path.join(dataDir, SANDBOX_BACKEND_FILE) });
  return { backend: validatingBackend(sandbox), close: async () => sandbox.close() };
}

const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

function describe(answer: Extract<BackendReply<'certificate.verify'>, { outcome: 'found' }>): string[] {
  return [
    `certificate ${formatVerificationCode(answer.code)}: FOUND`,
    `  holder      ${answer.holderMaskedName ?? '(not recorded: an older kiosk)'}`,
    `  period      ${answer.from} – ${answer.to}`,
    `  records     ${answer.recordCount}`,
    `  total       ${answer.totalFen === null ? '(not recorded: an older kiosk)' : yuan(answer.totalFen)}`,
    `  issued at   ${answer.issuedAt}`,
  ];
}

export const certificateVerifyCommand: Command = {
  path: ['certificate', 'verify'],
  summary: 'ask the backend about a certificate by its verification code (period, total, issued at, holder masked)',
  help: HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, ...AMQP_OPTION, ...AMQP_TLS_OPTIONS },
  run: (values, positionals, io) =>
    verifyByCode<'certificate.verify'>(values, positionals, io, {
      command: 'certificate verify',
      label: 'certificate',
      ask: (backend, code) => backend.certificateVerify({ code }),
      describe,
    }),
};
