import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import type { Db } from '../db/database';
import type { PiiCipher } from '../pii/pii-cipher';
import { Authority, OutboxLeg, StoredOutboxPayload, TransactionPayload, type TransactionPayloadOf } from './outbox-payloads';
import { TransactionKind, TransactionState, canMove } from './transaction-states';

/**
 * Transactions and their outbox rows (docs/sync.md "Transactional outbox"): a
 * business change and its messages commit in ONE SQLite transaction, so a
 * crash leaves either both or neither — never a paid invoice the backend will
 * not hear about, never a message about a transaction that does not exist.
 */
export type NewTransaction = {
  [K in TransactionKind]: {
    kind: K;
    /** The taxpayer acted for; null when the person is the taxpayer (their ID number is stored encrypted only). */
    taxpayerId: string | null;
    /** Plaintext in memory only: stored AES-GCM encrypted plus a keyed lookup hash. */
    personIdNumber: string;
    nationalFen: number;
    localFen: number;
    payload: TransactionPayloadOf[K];
    /** Other personal data needed to finish the transaction later; stored encrypted. */
    sealed?: Record<string, string>;
  };
}[TransactionKind];

export interface TransactionRecord {
  id: string;
  kind: TransactionKind;
  state: TransactionState;
  taxpayerId: string | null;
  personIdHash: string;
  nationalFen: number;
  localFen: number;
  payableFen: number;
  payload: unknown;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OutboxRow {
  id: string;
  transactionId: string;
  authority: Authority;
  kind: string;
  payload: StoredOutboxPayload;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

export type TransactionErrorCode = 'notFound' | 'unexpectedState' | 'notAllowed' | 'invalid';

export class TransactionError extends Error {
  constructor(
    readonly code: TransactionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransactionError';
  }
}

const TransactionId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID');
const TaxpayerId = z
  .string()
  .regex(/^[0-9A-Z]{15,20}$/)
  .nullable();
const PersonIdNumber = z.string().regex(/^[0-9A-Za-z]{6,30}$/);
const Fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const TxRow = z.object({
  id: z.string(),
  kind: TransactionKind,
  state: TransactionState,
  taxpayer_id: z.string().nullable(),
  person_id_hash: z.string(),
  national_fen: z.number().int(),
  local_fen: z.number().int(),
  payable_fen: z.number().int(),
  payload: z.string(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
const OutRow = z.object({
  id: z.string(),
  transaction_id: z.string(),
  authority: Authority,
  kind: z.string(),
  payload: z.string(),
  created_at: z.string(),
  attempts: z.number().int(),
  next_attempt_at: z.string(),
  last_error: z.string().nullable(),
});

/** A transaction reached a state: what the audit trail records (no personal data in it). */
export interface TransactionStep {
  transactionId: string;
  kind: TransactionKind;
  state: TransactionState;
  /** On `created`: the tax per authority in fen. */
  nationalFen?: number;
  localFen?: number;
  /** The reason stored with the move (a kiosk-made sentence), if any. */
  error?: string | null;
}

export interface TransactionStoreOptions {
  now?: () => Date;
  /**
   * Told of every created transaction and every move, inside the same SQLite
   * transaction: the audit trail's entry commits with the step or not at all,
   * and no service can add a step the trail misses.
   */
  onStep?: (step: TransactionStep) => void;
}

export class TransactionStore {
  private readonly now: () => Date;
  private readonly onStep: (step: TransactionStep) => void;
  /** Monotonic: rows made in the same millisecond still sort in creation order. */
  private readonly newId = monotonicFactory();

  constructor(
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    options: TransactionStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.onStep = options.onStep ?? (() => {});
  }

  /**
   * A fresh transaction id, for a service that must name the transaction to
   * the backend before it exists here (an invoice-collection claim,
   * docs/collection.md "Claims"); pass it to `createTransaction` as `id`.
   */
  newTransactionId(): string {
    return this.newId();
  }

  /** Inserts the transaction (state `created`) and one outbox row per leg, atomically. */
  createTransaction(tx: NewTransaction, legs: readonly OutboxLeg[], options: { id?: string } = {}): { id: string; outboxIds: string[] } {
    const taxpayerId = parseOrInvalid(TaxpayerId, tx.taxpayerId, 'taxpayerId');
    const idNumber = parseOrInvalid(PersonIdNumber, tx.personIdNumber, 'personIdNumber');
    if (taxpayerId !== null && taxpayerId === idNumber.toUpperCase()) {
      throw new TransactionError('invalid', "taxpayerId is the person's ID number: pass null, the number is stored encrypted");
    }
    const national = parseOrInvalid(Fen, tx.nationalFen, 'nationalFen');
    const local = parseOrInvalid(Fen, tx.localFen, 'localFen');
    const payload = JSON.stringify(parseOrInvalid(payloadSchema(tx.kind), tx.payload, 'payload'));
    const parsedLegs = legs.map((leg, i) => parseOrInvalid(OutboxLeg, leg, `legs[${i}]`));
    refusePlaintext(idNumber, [payload, ...parsedLegs.map((l) => JSON.stringify(l.payload))]);

    const id = options.id === undefined ? this.newId() : parseOrInvalid(TransactionId, options.id, 'id');
    const at = this.now().toISOString();
    const sealed = tx.sealed ? this.cipher.encrypt(JSON.stringify(tx.sealed)) : null;
    return this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO transactions (id, kind, state, taxpayer_id, person_id_cipher, person_id_hash, sealed_cipher,
             national_fen, local_fen, payable_fen, payload, created_at, updated_at)
           VALUES (?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            id,
            tx.kind,
            taxpayerId,
            this.cipher.encrypt(idNumber),
            this.cipher.lookupHash(idNumber),
            sealed,
            national,
            local,
            national + local,
            payload,
            at,
            at,
          );
        const outboxIds = this.insertLegs(id, parsedLegs, at);
        this.onStep({ transactionId: id, kind: tx.kind, state: 'created', nationalFen: national, localFen: local });
        return { id, outboxIds };
        // IMMEDIATE: take the write lock up front, so a concurrent writer makes us wait
        // (busy_timeout) instead of failing with a stale snapshot.
      })
      .immediate();
  }

  /**
   * Moves a transaction from `from` to `to`, refusing a move from any other
   * state (a second worker, a stale screen) or one its kind does not allow.
   * `legs` are outbox rows committed with the move (e.g. the issued invoice's
   * messages on `completed`); `payload` replaces the stored payload.
   */
  transition(
    id: string,
    change: { from: TransactionState; to: TransactionState; legs?: readonly OutboxLeg[]; payload?: unknown; error?: string | null },
  ): TransactionRecord {
    return this.db
      .transaction(() => {
        const current = this.get(id);
        if (!current) throw new TransactionError('notFound', `no transaction ${id}`);
        if (current.state !== change.from) {
          throw new TransactionError('unexpectedState', `transaction ${id} is ${current.state}, not ${change.from}`);
        }
        if (!canMove(current.kind, change.from, change.to)) {
          throw new TransactionError('notAllowed', `${current.kind}: ${change.from} → ${change.to} is not allowed`);
        }
        const at = this.now().toISOString();
        const payload = change.payload === undefined ? current.payload : parseOrInvalid(payloadSchema(current.kind), change.payload, 'payload');
        const legs = (change.legs ?? []).map((leg, i) => parseOrInvalid(OutboxLeg, leg, `legs[${i}]`));
        if (change.payload !== undefined || legs.length > 0) {
          refusePlaintext(this.revealPersonIdNumber(id), [JSON.stringify(payload), ...legs.map((l) => JSON.stringify(l.payload))]);
        }
        const updated = this.db
          .prepare('UPDATE transactions SET state = ?, payload = ?, last_error = ?, updated_at = ? WHERE id = ? AND state = ?')
          .run(change.to, JSON.stringify(payload), change.error ?? null, at, id, change.from);
        if (updated.changes !== 1) throw new TransactionError('unexpectedState', `transaction ${id} changed underneath`);
        this.insertLegs(id, legs, at);
        const after = this.get(id);
        if (!after) throw new TransactionError('notFound', `no transaction ${id}`);
        this.onStep({ transactionId: id, kind: after.kind, state: change.to, error: change.error ?? null });
        return after;
      })
      .immediate();
  }

  get(id: string): TransactionRecord | null {
    const raw = this.db.prepare('SELECT * FROM transactions WHERE id = ?').get(id);
    return raw === undefined ? null : toRecord(TxRow.parse(raw));
  }

  /** Decrypts the person's ID number (for a backend call or a printed form); never log the result. */
  revealPersonIdNumber(id: string): string {
    const raw = this.db.prepare('SELECT person_id_cipher FROM transactions WHERE id = ?').get(id);
    const row = z.object({ person_id_cipher: z.string() }).optional().parse(raw);
    if (!row) throw new TransactionError('notFound', `no transaction ${id}`);
    return this.cipher.decrypt(row.person_id_cipher);
  }

  /** Decrypts the other personal data stored with the transaction (`sealed`); null when none. Never log the result. */
  revealSealed(id: string): Record<string, string> | null {
    const raw = this.db.prepare('SELECT sealed_cipher FROM transactions WHERE id = ?').get(id);
    const row = z.object({ sealed_cipher: z.string().nullable() }).optional().parse(raw);
    if (!row) throw new TransactionError('notFound', `no transaction ${id}`);
    return row.sealed_cipher === null ? null : z.record(z.string(), z.string()).parse(JSON.parse(this.cipher.decrypt(row.sealed_cipher)));
  }

  /** Transactions of one person, found through the keyed hash (no decryption). */
  findByPerson(idNumber: string): TransactionRecord[] {
    return this.db
      .prepare('SELECT * FROM transactions WHERE person_id_hash = ? ORDER BY id')
      .all(this.cipher.lookupHash(idNumber))
      .map((raw) => toRecord(TxRow.parse(raw)));
  }

  /** Not in a final state, oldest first: what a restarted host must finish, refund or flag. */
  listOpen(limit = 100): TransactionRecord[] {
    return this.db
      .prepare("SELECT * FROM transactions WHERE state NOT IN ('completed', 'failed', 'refunded') ORDER BY id LIMIT ?")
      .all(limit)
      .map((raw) => toRecord(TxRow.parse(raw)));
  }

  /**
   * One page of unsent, unparked rows of one authority in creation order,
   * strictly after `afterId` (keyset paging: constant cost per page however
   * many rows wait). Uses the partial index `outbox_pending`.
   */
  pendingOutbox(query: { authority: Authority; limit: number; afterId?: string | null }): OutboxRow[] {
    const authority = Authority.parse(query.authority);
    const limit = z.number().int().min(1).max(1000).parse(query.limit);
    return this.db
      .prepare(
        `SELECT id, transaction_id, authority, kind, payload, created_at, attempts, next_attempt_at, last_error FROM outbox
         WHERE authority = ? AND sent_at IS NULL AND dead_at IS NULL AND id > ? AND transaction_id IS NOT NULL ORDER BY id LIMIT ?`,
      )
      .all(authority, query.afterId ?? '', limit)
      .map((raw) => {
        const row = OutRow.parse(raw);
        return {
          id: row.id,
          transactionId: row.transaction_id,
          authority: row.authority,
          kind: row.kind,
          payload: StoredOutboxPayload.parse(JSON.parse(row.payload)),
          createdAt: row.created_at,
          attempts: row.attempts,
          nextAttemptAt: row.next_attempt_at,
          lastError: row.last_error,
        };
      });
  }

  private insertLegs(transactionId: string, legs: readonly OutboxLeg[], at: string): string[] {
    const insert = this.db.prepare(
      `INSERT INTO outbox (id, transaction_id, authority, kind, payload, created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    return legs.map((leg) => {
      const id = this.newId();
      insert.run(id, transactionId, leg.authority, leg.kind, JSON.stringify({ ...leg.payload, transactionId }), at, at);
      return id;
    });
  }
}

/** Widened on purpose: the caller's kind picks the schema, the result is only serialised. */
function payloadSchema(kind: TransactionKind): z.ZodType<unknown> {
  return TransactionPayload[kind];
}

function toRecord(row: z.infer<typeof TxRow>): TransactionRecord {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    taxpayerId: row.taxpayer_id,
    personIdHash: row.person_id_hash,
    nationalFen: row.national_fen,
    localFen: row.local_fen,
    payableFen: row.payable_fen,
    payload: JSON.parse(row.payload) as unknown,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function parseOrInvalid<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Messages name the field, never echo the value (it may be an ID number).
  throw new TransactionError('invalid', `${what}: ${result.error.issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ')}`);
}

/** A belt to the schemas' braces: the plaintext ID number must not reach a JSON column. */
function refusePlaintext(idNumber: string, texts: readonly string[]): void {
  const needle = idNumber.toUpperCase();
  if (texts.some((t) => t.toUpperCase().includes(needle))) {
    throw new TransactionError('invalid', "a payload contains the person's ID number; it is stored encrypted only");
  }
}
