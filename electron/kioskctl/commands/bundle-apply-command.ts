import fs from 'node:fs';
import { EXIT, UsageError, type CommandIo } from '../command';
import { AuditLog } from '../../host/audit/audit-log';
import { pinnedKeysOrNone } from '../../host/config/bundle-keys';
import { loadLocalConfig } from '../../host/local-config';
import type { BundleApplyContext } from '../../host/signed-bundles/signed-bundle-apply';
import { withDb } from '../with-db';
import { dataDirOf, kioskctlActor } from './config-io';

/**
 * What `config apply` and `content apply` share: the SIGNED argument, the
 * kiosk's data dir and pinned keys, the apply through the bundle's store
 * (which audits it), and the refusal output. Only the applied output is the
 * kind's own.
 */
type Refused = { outcome: 'refused'; reason: string; detail: string; version: number | null };

export interface BundleApplySpec<Outcome extends { outcome: 'applied' } | Refused> {
  /** As in messages: `config apply`. */
  command: string;
  apply(file: string, ctx: BundleApplyContext): Outcome;
  /** The `--json` object's `applied` value, and the line a person reads. */
  applied(outcome: Exclude<Outcome, Refused>): { json: object; text: string };
}

export async function runBundleApply<Outcome extends { outcome: 'applied' } | Refused>(
  spec: BundleApplySpec<Outcome>,
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
  io: CommandIo,
): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('give exactly one SIGNED file');
  const file = positionals[0] ?? '';
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file} is not a file`);
  const dataDir = dataDirOf(values);
  const local = loadLocalConfig(dataDir);
  return withDb(dataDir, 'write', (db) => {
    const actor = kioskctlActor();
    const audit = new AuditLog(db, { actor });
    // A broken pin is an installation fault: refuse (and leave a trace) rather than trust fewer keys.
    const keys = pinnedKeysOrNone(dataDir, (detail) => io.err(`kioskctl ${spec.command}: ${detail}`));
    // Read within bounds (4 MiB, regular file): a larger file is refused unread, and audited.
    const outcome = spec.apply(file, { db, audit, keys, kiosk: { kioskId: local.kioskId, branchId: local.branchId }, source: 'file', actor });
    if (outcome.outcome === 'refused') {
      const { reason, detail, version } = outcome;
      if (values.json) io.out(JSON.stringify({ refused: { reason, detail, version } }));
      else io.err(`kioskctl ${spec.command}: refused: ${reason}: ${detail}`);
      return EXIT.refused;
    }
    const shown = spec.applied(outcome as Exclude<Outcome, Refused>);
    if (values.json) io.out(JSON.stringify({ applied: shown.json }));
    else io.out(shown.text);
    return EXIT.ok;
  });
}
