import type { BackendReply } from '../../../shared/backend';
import { formatVerificationCode } from '../../../shared/domain/verification-code';
import { AMQP_TLS_OPTIONS } from '../../host/sync/amqp-tls';
import type { Command } from '../command';
import { AMQP_OPTION } from '../amqp-flag';
import { verifyByCode } from './certificate-verify';

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
  run: (values, positionals, io) =>
    verifyByCode<'creditCertificate.verify'>(values, positionals, io, {
      command: 'certificate verify-credit',
      label: 'credit certificate',
      ask: (backend, code) => backend.creditCertificateVerify({ code }),
      describe,
    }),
};
