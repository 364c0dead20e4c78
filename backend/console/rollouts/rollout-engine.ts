import type Database from 'better-sqlite3';
import { z } from 'zod';
import { CONFIG_EXCHANGE } from '../../../electron/host/config/config-topology';
import { describeTarget } from '../../../shared/config/config-bundle';
import { WaveSpec, type Rollout, type RolloutTarget, type TargetState } from '../../../shared/fleet/console-api';
import { refusalCodeOf, type ApiErrorCode, type ApiErrorParams, type HaltPart } from '../../../shared/fleet/console-codes';
import type { Heartbeat } from '../../../shared/fleet/heartbeat';
import type { BundleCheck } from './bundle-check';
import { emptyCounts, readRollout, readTargets, rolloutRow, targetOf, waveSpecs, type RolloutRow } from './rollout-read';
import { resolveWave, waveProblem, type FleetKiosk } from './wave-resolution';

/**
 * Staged config rollouts (issue 17, docs/console.md "Config rollout"). An
 * administrator uploads a bundle signed offline; the console forwards its
 * bytes unchanged, wave by wave, to exchange `kiosk.config` with routing key
 * `kiosk.<kioskId>` (config-topology.ts), and follows each kiosk from its
 * heartbeats: pending → applied / refused (with the kiosk's reason) / silent.
 * A wave with any refusal, or with more silent kiosks than allowed, halts the
 * rollout by itself; resume and abort are a person's.
 *
 * Everything is in the console's database, so a restart loses nothing: the
 * timer (tick) carries on from the rows. Publishing is one at a time and
 * serialised with every other change, and a kiosk's row is marked published
 * only after the broker took the message: a broker outage leaves rows
 * unpublished for the next tick, never sends a kiosk the same rollout twice.
 */
export const ROLLOUT_EXCHANGE = CONFIG_EXCHANGE;
export { type FleetKiosk } from './wave-resolution';

/** The console identity that halts and completes rollouts by itself, in the action log. */
export const ENGINE_ACTOR = 'console';
const MAX_WAVES = 20;
/** How many kiosks a halt reason names before "and N more". */
const NAMED_IN_REASON = 5;
/** Publishes failing in a row before a publish loop gives up until the next tick. */
const FAILURES_MEANING_BROKER_AWAY = 3;

export interface RolloutEngineDeps {
  /** The console's database, with ROLLOUT_MIGRATIONS already run. */
  db: Database.Database;
  /** Publishes one message to exchange `kiosk.config`; resolves once the broker took it. */
  publish(routingKey: string, body: Buffer): Promise<void>;
  /** The kiosks the console knows. */
  fleet(): readonly FleetKiosk[];
  verify(bundleBytes: Buffer): BundleCheck;
  /** The console's own action log (who did what). */
  record(actor: string, action: string, detail: string): void;
  now(): Date;
}

export const CreateRollout = z.strictObject({
  bundle: z.instanceof(Buffer),
  waves: z.array(WaveSpec).min(1).max(MAX_WAVES),
  silentAfterSeconds: z
    .number()
    .int()
    .min(10)
    .max(7 * 24 * 3600),
  maxSilentPercent: z.number().int().min(0).max(100),
});
export type CreateRollout = z.infer<typeof CreateRollout>;

/** A request the engine refuses: `invalid` (400), `notFound` (404), `conflict` (409, the rollout's state does not allow it). */
export class RolloutError extends Error {
  constructor(
    readonly kind: 'invalid' | 'notFound' | 'conflict',
    message: string,
    /** For the page (console-codes.ts); undefined: the route chooses by kind, with the message as detail. */
    readonly code?: ApiErrorCode,
    readonly params?: ApiErrorParams,
  ) {
    super(message);
    this.name = 'RolloutError';
  }
}

export class RolloutEngine {
  private readonly db: Database.Database;
  /** Every async change runs after the previous one: one wave start, one publish loop at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The last config version recorded per kiosk, so a heartbeat writes only when it changed. */
  private readonly knownVersions = new Map<string, number>();

  constructor(private readonly deps: RolloutEngineDeps) {
    this.db = deps.db;
  }

  create(input: CreateRollout, actor: string): Promise<Rollout> {
    return this.serial(async () => {
      const parsed = CreateRollout.safeParse(input);
      if (!parsed.success) throw new RolloutError('invalid', z.prettifyError(parsed.error));
      const { bundle, waves, silentAfterSeconds, maxSilentPercent } = parsed.data;
      const check = this.deps.verify(bundle);
      if (!check.ok)
        throw new RolloutError('invalid', `the bundle does not verify: ${check.reason}`, 'bundleUnverified', {
          reason: refusalCodeOf(check.reason) ?? 'other',
          detail: check.reason,
        });
      const blocking = this.db
        .prepare("SELECT id, config_version FROM rollouts WHERE state IN ('running', 'halted') AND config_version >= ? ORDER BY id LIMIT 1")
        .get(check.version) as { id: number; config_version: number } | undefined;
      if (blocking) {
        throw new RolloutError(
          'conflict',
          `rollout ${blocking.id} of version ${blocking.config_version} is still running or halted: a new rollout needs a version above it (this bundle is version ${check.version})`,
        );
      }
      const fleet = this.deps.fleet();
      for (const [i, spec] of waves.entries()) {
        const problem = waveProblem(spec, fleet, check.target);
        if (problem) throw new RolloutError('invalid', `wave ${i + 1}: ${problem}`);
      }
      const now = this.nowIso();
      const id = this.db.transaction(() => {
        const result = this.db
          .prepare(
            `INSERT INTO rollouts (config_version, bundle_hash, bundle, target, state, created_by, created_at, silent_after_seconds, max_silent_percent)
             VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
          )
          .run(check.version, check.hash, bundle, JSON.stringify(check.target), actor, now, silentAfterSeconds, maxSilentPercent);
        const rolloutId = Number(result.lastInsertRowid);
        const insertWave = this.db.prepare('INSERT INTO rollout_waves (rollout_id, idx, spec) VALUES (?, ?, ?)');
        waves.forEach((spec, idx) => insertWave.run(rolloutId, idx, JSON.stringify(spec)));
        return rolloutId;
      })();
      this.deps.record(
        actor,
        'rollout.create',
        `rollout ${id}: config version ${check.version} (sha256 ${check.hash}) for ${describeTarget(check.target)}, ${waves.length} wave(s): ${waves.map(describeWave).join(' → ')}`,
      );
      this.startWave(id, 0);
      await this.advance(id);
      return this.mustGet(id);
    });
  }

  /** A halted rollout carries on with its next wave (the halted wave's refusals stay as they are). */
  resume(id: number, actor: string): Promise<Rollout> {
    return this.serial(async () => {
      const row = this.mustRow(id);
      if (row.state !== 'halted') throw new RolloutError('conflict', `rollout ${id} is ${row.state}: only a halted rollout can be resumed`);
      this.db.prepare("UPDATE rollouts SET state = 'running', halt_reason = NULL, halt_detail = NULL WHERE id = ?").run(id);
      this.deps.record(actor, 'rollout.resume', `rollout ${id} resumed after wave ${row.current_wave + 1} (halted: ${row.halt_reason ?? 'by hand'})`);
      const waves = waveSpecs(this.db, id);
      if (row.current_wave + 1 >= waves.length) this.complete(id);
      else this.startWave(id, row.current_wave + 1);
      await this.advance(id);
      return this.mustGet(id);
    });
  }

  /**
   * Stops a running or halted rollout for good. Not queued behind a publish
   * loop: the loop reads the state before each message, so nothing more is
   * published once this returns.
   */
  async abort(id: number, actor: string): Promise<Rollout> {
    const row = this.mustRow(id);
    if (row.state !== 'running' && row.state !== 'halted')
      throw new RolloutError('conflict', `rollout ${id} is ${row.state}: only a running or halted rollout can be aborted`);
    const aborted: HaltPart[] = [{ code: 'abortedBy', by: actor }];
    this.db
      .prepare("UPDATE rollouts SET state = 'aborted', halt_reason = ?, halt_detail = ? WHERE id = ?")
      .run(`aborted by ${actor}`, JSON.stringify(aborted), id);
    this.deps.record(actor, 'rollout.abort', `rollout ${id} aborted in wave ${row.current_wave + 1} (was ${row.state})`);
    return this.mustGet(id);
  }

  /**
   * Follows one heartbeat: an applied version at or above a rollout's makes
   * the kiosk applied there (first: a second delivery of an applied bundle is
   * refused by the kiosk as a rollback, and that is no failure); a refusal of
   * exactly a rollout's version makes it refused with the kiosk's reason.
   */
  onHeartbeat(h: Heartbeat): void {
    const version = h.config.version;
    const now = this.nowIso();
    this.db.transaction(() => {
      if (version !== null) {
        if (this.knownVersions.get(h.kioskId) !== version) {
          this.db
            .prepare(
              'INSERT INTO rollout_kiosk_versions (kiosk_id, config_version, seen_at) VALUES (?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET config_version = excluded.config_version, seen_at = excluded.seen_at',
            )
            .run(h.kioskId, version, now);
          this.knownVersions.set(h.kioskId, version);
        }
        this.db
          .prepare(
            "UPDATE rollout_targets SET state = 'applied', reason = NULL, at = ? WHERE kiosk_id = ? AND state <> 'applied' AND rollout_id IN (SELECT id FROM rollouts WHERE config_version <= ?)",
          )
          .run(now, h.kioskId, version);
      }
      const refused = h.config.refused;
      if (refused && refused.version !== null) {
        this.db
          .prepare(
            "UPDATE rollout_targets SET state = 'refused', reason = ?, at = ? WHERE kiosk_id = ? AND state IN ('pending', 'silent') AND rollout_id IN (SELECT id FROM rollouts WHERE config_version = ?)",
          )
          .run(refused.reason, refused.at, h.kioskId, refused.version);
      }
    })();
  }

  /** The timer: retries unsent messages, marks silent kiosks, and ends waves (halting, starting the next, or completing). */
  tick(): Promise<void> {
    return this.serial(async () => {
      const running = this.db.prepare("SELECT id FROM rollouts WHERE state = 'running' ORDER BY id").all() as { id: number }[];
      for (const { id } of running) await this.advance(id);
    });
  }

  /** Every rollout, newest first. */
  list(): Rollout[] {
    const rows = this.db.prepare('SELECT * FROM rollouts ORDER BY id DESC').all() as RolloutRow[];
    return rows.map((row) => readRollout(this.db, row));
  }

  get(id: number): Rollout | null {
    const row = rolloutRow(this.db, id);
    return row ? readRollout(this.db, row) : null;
  }

  /** The rollout's kiosks (those its started waves chose), by wave; null when there is no such rollout. */
  targets(id: number, state?: TargetState): RolloutTarget[] | null {
    if (!rolloutRow(this.db, id)) return null;
    return readTargets(this.db, id, state);
  }

  /**
   * The version the newest rollout that targets this kiosk wants (running,
   * halted or completed; an aborted one wants nothing): "behind" is behind
   * this, not behind the newest version anywhere. Null when none targets it.
   */
  targetVersionFor(kioskId: string): number | null {
    const row = this.db
      .prepare(
        "SELECT r.config_version AS v FROM rollout_targets t JOIN rollouts r ON r.id = t.rollout_id WHERE t.kiosk_id = ? AND r.state IN ('running', 'halted', 'completed') ORDER BY r.id DESC LIMIT 1",
      )
      .get(kioskId) as { v: number } | undefined;
    return row?.v ?? null;
  }

  /** targetVersionFor for every kiosk at once (the overview lists 2,000). */
  targetVersions(): Map<string, number> {
    // SQLite's bare columns: with max(), v comes from the row holding the newest rollout id.
    const rows = this.db
      .prepare(
        "SELECT t.kiosk_id AS kioskId, r.config_version AS v, max(r.id) AS newest FROM rollout_targets t JOIN rollouts r ON r.id = t.rollout_id WHERE r.state IN ('running', 'halted', 'completed') GROUP BY t.kiosk_id",
      )
      .all() as { kioskId: string; v: number }[];
    return new Map(rows.map((r) => [r.kioskId, r.v]));
  }

  /**
   * Drives a running rollout as far as it goes now: sends what is unsent,
   * marks silent kiosks, and while the current wave has no pending kiosk left,
   * ends it (a new wave whose kiosks all run the version already ends at once).
   */
  private async advance(id: number): Promise<void> {
    for (;;) {
      const row = this.mustRow(id);
      if (row.state !== 'running') return;
      await this.publishUnsent(row);
      this.markSilent(row);
      const counts = this.waveCounts(id, row.current_wave);
      if (counts.pending > 0) return;
      const halt = this.haltReason(row, counts);
      const waves = waveSpecs(this.db, id).length;
      if (halt) {
        this.db
          .prepare("UPDATE rollouts SET state = 'halted', halt_reason = ?, halt_detail = ? WHERE id = ? AND state = 'running'")
          .run(halt.text, JSON.stringify(halt.parts), id);
        this.deps.record(ENGINE_ACTOR, 'rollout.halt', `rollout ${id} halted: ${halt.text}`);
        return;
      }
      if (row.current_wave + 1 >= waves) {
        this.complete(id);
        return;
      }
      this.startWave(id, row.current_wave + 1);
    }
  }

  /** Chooses the wave's kiosks and writes their rows; kiosks already at the version count as applied and are not sent it. */
  private startWave(id: number, idx: number): void {
    const row = this.mustRow(id);
    const spec = waveSpecs(this.db, id)[idx];
    if (!spec) throw new Error(`rollout ${id} has no wave ${idx}`);
    const now = this.nowIso();
    this.db.transaction(() => {
      const already = new Set(
        (this.db.prepare('SELECT kiosk_id FROM rollout_targets WHERE rollout_id = ?').all(id) as { kiosk_id: string }[]).map((t) => t.kiosk_id),
      );
      const kiosks = resolveWave(spec, this.deps.fleet(), targetOf(row), already, id);
      const versionOf = this.db.prepare('SELECT config_version FROM rollout_kiosk_versions WHERE kiosk_id = ?');
      const insert = this.db.prepare('INSERT INTO rollout_targets (rollout_id, kiosk_id, branch_id, wave, state, at) VALUES (?, ?, ?, ?, ?, ?)');
      for (const k of kiosks) {
        const known = versionOf.get(k.kioskId) as { config_version: number } | undefined;
        const applied = known !== undefined && known.config_version >= row.config_version;
        insert.run(id, k.kioskId, k.branchId, idx, applied ? 'applied' : 'pending', applied ? now : null);
      }
      this.db.prepare('UPDATE rollout_waves SET started_at = ? WHERE rollout_id = ? AND idx = ?').run(now, id, idx);
      this.db.prepare('UPDATE rollouts SET current_wave = ? WHERE id = ?').run(idx, id);
    })();
  }

  /**
   * Sends the bundle to each kiosk of the current wave not yet sent it, one by
   * one, reading the rollout's state before each (an abort stops it between
   * two messages). A failed publish leaves the kiosk for the next tick; one
   * kiosk the broker cannot route to (its queue not declared yet) does not
   * hold up the others, but a few failures in a row mean the broker is away
   * and the loop stops until the next tick.
   */
  private async publishUnsent(row: RolloutRow): Promise<void> {
    const unsent = this.db
      .prepare("SELECT kiosk_id FROM rollout_targets WHERE rollout_id = ? AND wave = ? AND state = 'pending' AND published_at IS NULL ORDER BY kiosk_id")
      .all(row.id, row.current_wave) as { kiosk_id: string }[];
    const stillRunning = this.db.prepare('SELECT state FROM rollouts WHERE id = ?');
    const markSent = this.db.prepare(
      'UPDATE rollout_targets SET published_at = ?, at = coalesce(at, ?) WHERE rollout_id = ? AND kiosk_id = ? AND published_at IS NULL',
    );
    let failures = 0;
    for (const { kiosk_id: kioskId } of unsent) {
      if ((stillRunning.get(row.id) as { state: string }).state !== 'running') return;
      try {
        await this.deps.publish(`kiosk.${kioskId}`, row.bundle);
      } catch {
        failures += 1;
        if (failures >= FAILURES_MEANING_BROKER_AWAY) return;
        continue;
      }
      failures = 0;
      const now = this.nowIso();
      markSent.run(now, now, row.id, kioskId);
    }
  }

  /** Pending kiosks sent the bundle longer than silentAfterSeconds ago. */
  private markSilent(row: RolloutRow): void {
    const cutoff = new Date(this.deps.now().getTime() - row.silent_after_seconds * 1000).toISOString();
    this.db
      .prepare(
        "UPDATE rollout_targets SET state = 'silent', at = ? WHERE rollout_id = ? AND wave = ? AND state = 'pending' AND published_at IS NOT NULL AND published_at <= ?",
      )
      .run(this.nowIso(), row.id, row.current_wave, cutoff);
  }

  private waveCounts(id: number, wave: number): Record<TargetState, number> {
    const counts = emptyCounts();
    const rows = this.db.prepare('SELECT state, count(*) AS n FROM rollout_targets WHERE rollout_id = ? AND wave = ? GROUP BY state').all(id, wave) as {
      state: TargetState;
      n: number;
    }[];
    for (const r of rows) counts[r.state] = r.n;
    return counts;
  }

  /**
   * Why the finished current wave halts the rollout, as text (`wave 1 of 4:
   * KIOSK-0003 refused: …`) and as codes for the page; null when it does not.
   */
  private haltReason(row: RolloutRow, counts: Record<TargetState, number>): { text: string; parts: HaltPart[] } | null {
    const total = counts.applied + counts.refused + counts.silent;
    const tooSilent = counts.silent * 100 > row.max_silent_percent * total;
    if (counts.refused === 0 && !tooSilent) return null;
    const waves = waveSpecs(this.db, row.id).length;
    const parts: string[] = [];
    const codes: HaltPart[] = [];
    const wave = { wave: row.current_wave + 1, waves };
    if (counts.refused > 0) {
      const refused = this.db
        .prepare("SELECT kiosk_id, reason FROM rollout_targets WHERE rollout_id = ? AND wave = ? AND state = 'refused' ORDER BY kiosk_id LIMIT ?")
        .all(row.id, row.current_wave, NAMED_IN_REASON) as { kiosk_id: string; reason: string | null }[];
      parts.push(refused.map((r) => `${r.kiosk_id} refused: ${r.reason ?? 'no reason given'}`).join('; ') + more(counts.refused));
      for (const r of refused) codes.push({ code: 'kioskRefused', ...wave, kioskId: r.kiosk_id, reason: refusalCodeOf(r.reason) ?? 'other', detail: r.reason });
      if (counts.refused > NAMED_IN_REASON) codes.push({ code: 'moreRefused', ...wave, count: counts.refused - NAMED_IN_REASON });
    }
    if (tooSilent) {
      const silent = this.db
        .prepare("SELECT kiosk_id FROM rollout_targets WHERE rollout_id = ? AND wave = ? AND state = 'silent' ORDER BY kiosk_id LIMIT ?")
        .all(row.id, row.current_wave, NAMED_IN_REASON) as { kiosk_id: string }[];
      parts.push(
        `${counts.silent} of ${total} kiosks silent after ${row.silent_after_seconds} s (more than ${row.max_silent_percent} %): ` +
          silent.map((s) => s.kiosk_id).join(', ') +
          more(counts.silent),
      );
      codes.push({
        code: 'tooManySilent',
        ...wave,
        silent: counts.silent,
        total,
        afterSeconds: row.silent_after_seconds,
        limitPercent: row.max_silent_percent,
        kioskIds: silent.map((s) => s.kiosk_id),
      });
    }
    return { text: `wave ${row.current_wave + 1} of ${waves}: ${parts.join('; ')}`, parts: codes };
  }

  private complete(id: number): void {
    this.db.prepare("UPDATE rollouts SET state = 'completed', halt_reason = NULL, halt_detail = NULL WHERE id = ?").run(id);
    const counts = this.db.prepare('SELECT state, count(*) AS n FROM rollout_targets WHERE rollout_id = ? GROUP BY state').all(id) as {
      state: string;
      n: number;
    }[];
    this.deps.record(ENGINE_ACTOR, 'rollout.complete', `rollout ${id} completed: ${counts.map((c) => `${c.n} ${c.state}`).join(', ') || 'no kiosk targeted'}`);
  }

  private mustRow(id: number): RolloutRow {
    const row = rolloutRow(this.db, id);
    if (!row) throw new RolloutError('notFound', `no rollout ${id}`);
    return row;
  }

  private mustGet(id: number): Rollout {
    return readRollout(this.db, this.mustRow(id));
  }

  private nowIso(): string {
    return this.deps.now().toISOString();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function more(n: number): string {
  return n > NAMED_IN_REASON ? ` (and ${n - NAMED_IN_REASON} more)` : '';
}

function describeWave(spec: WaveSpec): string {
  switch (spec.kind) {
    case 'kiosks':
      return `kiosks ${spec.kioskIds.join(', ')}`;
    case 'percentOfBranch':
      return `${spec.percent} % of branch ${spec.branchId}`;
    case 'branch':
      return `branch ${spec.branchId}`;
    case 'all':
      return 'all';
  }
}
