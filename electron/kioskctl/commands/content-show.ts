import { EXIT, UsageError, type Command } from '../command';
import { describeTarget } from '../../../shared/config/config-bundle';
import { contentHistory, readContentInForce } from '../../host/content/content-store';
import { loadLocalConfig } from '../../host/local-config';
import { withDb } from '../with-db';
import { dataDirOf } from './config-io';

/** `kioskctl content show`: the content in force and the stored bundles. */

const SHOW_HELP = `Usage: kioskctl content show [--data-dir DIR] [--json]

Shows the 公开信息 content on this kiosk: the bundle in force now (version, hash,
key, target, effective period, how it arrived), how many items each list has and
the publications' dates, and the stored bundles (newest first, including one
waiting for its effectiveFrom). Refusals are in the audit trail.

Options:
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"kioskId","branchId","inForce":{"version","hash","keyId","issuedAt",
                  "effectiveFrom","expiresAt","target","source","appliedAt","appliedBy",
                  "counts":{"guides","powers","arrears","quotas"},"arrears":{"publishedOn","period"},
                  "quotas":{"publishedOn","appliesFrom","appliesTo","objectionDeadline"}}|null,
                  "stored":[{"version","hash","keyId","issuedAt","effectiveFrom","expiresAt","target",
                  "source","appliedAt","appliedBy"}]}

Exit codes:
  0   shown (also when no content is in force)
  2   no kiosk database at --data-dir, or its schema is not this kioskctl's
  64  unknown flag`;

export const contentShowCommand: Command = {
  path: ['content', 'show'],
  summary: 'show the 公开信息 content in force on this kiosk and the stored bundles',
  help: SHOW_HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const dataDir = dataDirOf(values);
    const local = loadLocalConfig(dataDir);
    return withDb(dataDir, 'read', (db) => {
      const now = new Date();
      const current = readContentInForce(db, now);
      const stored = contentHistory(db);
      const inForce =
        current === null
          ? null
          : (() => {
              const { content, ...meta } = current;
              return {
                ...meta,
                counts: {
                  guides: content.guides.length,
                  powers: content.powers.length,
                  arrears: content.arrears.entries.length,
                  quotas: content.quotas.entries.length,
                },
                arrears: { publishedOn: content.arrears.publishedOn, period: content.arrears.period },
                quotas: {
                  publishedOn: content.quotas.publishedOn,
                  appliesFrom: content.quotas.appliesFrom,
                  appliesTo: content.quotas.appliesTo,
                  objectionDeadline: content.quotas.objectionDeadline,
                },
              };
            })();
      if (values.json) {
        io.out(JSON.stringify({ kioskId: local.kioskId, branchId: local.branchId, inForce, stored }));
        return EXIT.ok;
      }
      io.out(`kiosk ${local.kioskId}, branch ${local.branchId}`);
      if (inForce === null) io.out('no public content in force');
      else {
        io.out(`content version ${inForce.version} (sha256 ${inForce.hash}), key ${inForce.keyId}, for ${describeTarget(inForce.target)}`);
        io.out(`  shown ${inForce.effectiveFrom} to ${inForce.expiresAt}; applied ${inForce.appliedAt} by ${inForce.appliedBy} from ${inForce.source}`);
        const c = inForce.counts;
        io.out(`  guides ${c.guides}, powers ${c.powers}, arrears ${c.arrears}, quotas ${c.quotas}`);
        io.out(`  arrears published ${inForce.arrears.publishedOn} for ${inForce.arrears.period.from}–${inForce.arrears.period.to}`);
        io.out(`  quotas for ${inForce.quotas.appliesFrom}–${inForce.quotas.appliesTo}, objections until ${inForce.quotas.objectionDeadline}`);
      }
      for (const s of stored.filter((b) => b.version !== inForce?.version)) {
        const state =
          Date.parse(s.effectiveFrom) > now.getTime() ? 'waiting for its effectiveFrom' : Date.parse(s.expiresAt) <= now.getTime() ? 'expired' : 'superseded';
        io.out(`stored version ${s.version}: ${state} (${s.effectiveFrom} to ${s.expiresAt})`);
      }
      return EXIT.ok;
    });
  },
};
