import { isBackendError, type BackendReply } from '../../../shared/backend';
import { formatVerificationCode, isValidVerificationCode, normalizeVerificationCode } from '../../../shared/domain/verification-code';
import { loadLocalConfig } from '../../host/local-config';
import { AMQP_TLS_OPTIONS, tlsFromFlags } from '../../host/sync/amqp-tls';
import { EXIT, UsageError, type Command } from '../command';
import { dataDirOf } from './config-io';
import { AMQP_OPTION, amqpGiven } from '../amqp-flag';
import { openBackend } from './certificate-verify';

const HELP = `Usage: kioskctl certificate verify-credit CODE [--amqp URL] [--data-dir DIR] [--json]

Asks the tax backend what it knows of the 纳税信用等级证明 (tax credit rating
certificate) printed with this verification code, as the bank checks it: the
taxpayer's unified social credit code, the grade, the year it was assessed
for, and when the certificate was issued. CODE as printed (groups of four
with hyphens) or typed without them, upper or lower case; its check
character is checked before anything is asked. A certificate is known to the
backend once its credit.certificate message has been delivered (kioskctl
outbox status). IIT payment certificates: kioskctl certificate verify.

The backend: as for kioskctl certificate verify (--amqp URL, else
KIOSK_AMQP_URL, else kiosk.json's backend, else the in-process sandbox).

Options:
  --amqp URL      the broker (amqp:// on loopback, else amqps://)
                  (repeat --amqp for each node of a cluster)
  --amqp-ca FILE, --amqp-cert FILE, --amqp-key FILE
                  amqps: the broker's CA, the kiosk's client certificate and key (PEM)
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"found":true,"code","taxpayerId","grade","year","issuedAt"}
                  or {"found":false,"code"}

Exit codes:
  0   found: the certificate is known to the backend
  2   not found (not issued, or its message not delivered yet), or CODE is not a
      verification code (wrong length, characters or check character)
  3   the backend could not be asked (unreachable, no answer)
  64  no CODE, more than one, or an unknown flag`;

function describe(answer: Extract<BackendReply<'creditCertificate.verify'>, { outcome: 'found' }>): string[] {
  return [
    `credit certificate ${formatVerificationCode(answer.code)}: FOUND`,
    `  taxpayer    ${answer.taxpayerId}`,
    `  grade       ${answer.grade} (${answer.year})`,
    `  issued at   ${answer.issuedAt}`,
  ];
}

export const creditCertificateVerifyCommand: Command = {
  path: ['certificate', 'verify-credit'],
  summary: 'ask the backend about a tax credit certificate (纳税信用等级证明) by its verification code',
  help: HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, ...AMQP_OPTION, ...AMQP_TLS_OPTIONS },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the verification code' : `unexpected argument "${positionals[1]}"`);
    const code = normalizeVerificationCode(positionals[0] ?? '');
    if (!isValidVerificationCode(code)) {
      // Not echoed: what was typed may be anything.
      if (values.json) io.out(JSON.stringify({ found: false, code: null, reason: 'invalidCode' }));
      io.err(
        'kioskctl certificate verify-credit: not a verification code (17 characters of 0-9 and A-Z without I, O, S, V, Z; the last one a check character)',
      );
      return EXIT.refused;
    }
    const dataDir = dataDirOf(values);
    const config = loadLocalConfig(dataDir);
    const given = amqpGiven(values, process.env);
    const link = openBackend(dataDir, config, { ...(given !== undefined ? { url: given } : {}), tls: tlsFromFlags(values) });
    let answer: BackendReply<'creditCertificate.verify'>;
    try {
      answer = await link.backend.creditCertificateVerify({ code });
    } catch (error) {
      if (!isBackendError(error)) throw error;
      io.err(`kioskctl certificate verify-credit: the backend could not be asked: ${error.code}: ${error.message}`);
      return EXIT.deviceError;
    } finally {
      await link.close();
    }
    if (answer.outcome === 'notFound') {
      if (values.json) io.out(JSON.stringify({ found: false, code }));
      else io.out(`credit certificate ${formatVerificationCode(code)}: NOT FOUND (not issued, or its message not delivered to the backend yet)`);
      return EXIT.notFound;
    }
    const { outcome: _outcome, ...facts } = answer;
    if (values.json) io.out(JSON.stringify({ found: true, ...facts }));
    else for (const line of describe(answer)) io.out(line);
    return EXIT.ok;
  },
};
