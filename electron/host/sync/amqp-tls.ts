import { readBoundedFile } from '../bounded-file';
import { splitBrokerList } from '../../../shared/config/broker-list';

/**
 * TLS to the broker (issue 14 item 7: queries carry full ID numbers, and
 * went over plain amqp://). The broker address carries its TLS files as
 * query parameters, with the names RabbitMQ's own URI spec uses:
 *
 *   amqps://kiosk:pw@broker.example:5671/?cacertfile=/etc/tax-kiosk/ca.pem
 *     &certfile=/etc/tax-kiosk/kiosk.pem&keyfile=/etc/tax-kiosk/kiosk.key
 *     [&server_name_indication=broker.example]
 *
 * so every link (delivery, queries, config, heartbeat, intake, kioskctl)
 * gets the same TLS from the one string it already passes around. kiosk.json
 * may instead name the files in `backend.tls` (merged in by brokerUrl), and
 * `npm start` / kioskctl take `--amqp-ca`, `--amqp-cert`, `--amqp-key`.
 * openConnection strips the parameters and hands the files' contents to
 * amqplib's TLS socket; the broker's certificate is always verified against
 * the CA (never `rejectUnauthorized: false`).
 */
export interface BrokerTlsFiles {
  /** PEM file of the CA that signed the broker's certificate. */
  caFile?: string;
  /** PEM client certificate, when the broker asks for one (mutual TLS). */
  certFile?: string;
  /** PEM private key of the client certificate. */
  keyFile?: string;
  /** The name to check the broker's certificate against, when not the URL's host. */
  servername?: string;
}

const PARAMS = { caFile: 'cacertfile', certFile: 'certfile', keyFile: 'keyfile', servername: 'server_name_indication' } as const;
const MAX_PEM_BYTES = 256 * 1024;

export class BrokerTlsError extends Error {}

/** The URL without the TLS parameters, and the parameters. */
export function splitTlsParams(url: string): { url: string; tls: BrokerTlsFiles } {
  const parsed = new URL(url);
  const tls: BrokerTlsFiles = {};
  for (const [field, param] of Object.entries(PARAMS) as [keyof BrokerTlsFiles, string][]) {
    const value = parsed.searchParams.get(param);
    if (value !== null && value !== '') tls[field] = value;
    parsed.searchParams.delete(param);
  }
  return { url: parsed.toString(), tls };
}

/** Adds TLS files to a broker URL (kiosk.json `backend.tls`, or command-line flags); the URL's own win. */
export function withTlsParams(url: string, tls: BrokerTlsFiles | undefined): string {
  if (!tls) return url;
  // A cluster's list (broker-list.ts): every node gets the same files.
  if (url.includes(','))
    return splitBrokerList(url)
      .map((entry) => withTlsParams(entry, tls))
      .join(',');
  const parsed = new URL(url);
  for (const [field, param] of Object.entries(PARAMS) as [keyof BrokerTlsFiles, string][]) {
    const value = tls[field];
    if (value !== undefined && !parsed.searchParams.has(param)) parsed.searchParams.set(param, value);
  }
  return parsed.toString();
}

/** Socket options for amqplib's TLS connect; refuses TLS files on a plain amqp:// URL (they would be ignored). */
export function tlsSocketOptions(url: string, tls: BrokerTlsFiles): { ca?: Buffer[]; cert?: Buffer; key?: Buffer; servername?: string } {
  const given = tls.caFile !== undefined || tls.certFile !== undefined || tls.keyFile !== undefined;
  if (!url.startsWith('amqps:')) {
    if (given) throw new BrokerTlsError('TLS files are given for a plain amqp:// URL: use amqps://');
    return {};
  }
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined))
    throw new BrokerTlsError('a client certificate needs its key (certfile and keyfile together)');
  const read = (file: string) => {
    try {
      return readBoundedFile(file, MAX_PEM_BYTES);
    } catch (error) {
      throw new BrokerTlsError(`broker TLS: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    ...(tls.caFile !== undefined ? { ca: [read(tls.caFile)] } : {}),
    ...(tls.certFile !== undefined ? { cert: read(tls.certFile) } : {}),
    ...(tls.keyFile !== undefined ? { key: read(tls.keyFile) } : {}),
    ...(tls.servername !== undefined ? { servername: tls.servername } : {}),
  };
}

/** The URL every link of the kiosk connects to: kiosk.json's `backend.url` with `backend.tls` merged in. */
export function brokerUrl(backend: { url?: string; tls?: BrokerTlsFiles }): string | undefined {
  return backend.url === undefined ? undefined : withTlsParams(backend.url, backend.tls);
}

/** kioskctl's and `npm start`'s `--amqp-ca FILE --amqp-cert FILE --amqp-key FILE`, as URL parameters. */
export const AMQP_TLS_OPTIONS = {
  'amqp-ca': { type: 'string' },
  'amqp-cert': { type: 'string' },
  'amqp-key': { type: 'string' },
} as const;

export function tlsFromFlags(values: Record<string, unknown>): BrokerTlsFiles {
  const pick = (name: string) => (typeof values[name] === 'string' && values[name] !== '' ? (values[name] as string) : undefined);
  const tls: BrokerTlsFiles = {};
  const ca = pick('amqp-ca');
  const cert = pick('amqp-cert');
  const key = pick('amqp-key');
  if (ca !== undefined) tls.caFile = ca;
  if (cert !== undefined) tls.certFile = cert;
  if (key !== undefined) tls.keyFile = key;
  return tls;
}
