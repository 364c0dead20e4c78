import { z } from 'zod';
import { KioskError } from '../../../shared/contract';
import { maskName } from '../../../shared/domain/pii';
import type { TransactionState } from '../transactions/transaction-states';
import { InvoiceIssuePayloadV2 } from '../transactions/outbox-payloads';
import type { TransactionRecord, TransactionStore } from '../transactions/transaction-store';

/** The issue payload this build writes (V2); V1 rows are read by delivery only, never resumed here. */
export type IssuePayload = z.infer<typeof InvoiceIssuePayloadV2>;

/** Names kept encrypted with the transaction (the buyer may be a private person). */
export const IssueSealed = z.object({ sellerName: z.string().min(1), buyerName: z.string().min(1) }).strict();
export type IssueSealed = z.infer<typeof IssueSealed>;

export interface StoredIssue {
  id: string;
  state: TransactionState;
  /** The seller's credit code. */
  taxpayerId: string;
  nationalFen: number;
  localFen: number;
  payableFen: number;
  createdAt: string;
  payload: IssuePayload;
  sealed: IssueSealed;
}

/** Reads an issue transaction written by this service; anything else is a stale or forged reference. */
export function readIssue(store: TransactionStore, transactionId: string): StoredIssue {
  const record = store.get(transactionId);
  if (!record || record.kind !== 'invoiceIssue' || record.taxpayerId === null) throw new KioskError('invalidRequest', 'no such issue transaction');
  return fromRecord(store, record);
}

export function fromRecord(store: TransactionStore, record: TransactionRecord): StoredIssue {
  const payload = InvoiceIssuePayloadV2.safeParse(record.payload);
  const sealed = IssueSealed.safeParse(store.revealSealed(record.id));
  if (!payload.success || !sealed.success || record.taxpayerId === null)
    throw new KioskError('conflict', 'this issue was stored by another build and is finished by staff');
  return {
    id: record.id,
    state: record.state,
    taxpayerId: record.taxpayerId,
    nationalFen: record.nationalFen,
    localFen: record.localFen,
    payableFen: record.payableFen,
    createdAt: record.createdAt,
    payload: payload.data,
    sealed: sealed.data,
  };
}

/** True when this transaction belongs to the person (keyed hash, no decryption of others' numbers). */
export function belongsTo(store: TransactionStore, transactionId: string, idNumber: string): boolean {
  return store.findByPerson(idNumber).some((t) => t.id === transactionId);
}

/**
 * The seller's name as receipts and screens show it: a business in full; a
 * natural person (the cardholder, 自然人代开) masked like every person's name.
 * The invoice form itself names the seller in full.
 */
export function shownSellerName(issue: Pick<StoredIssue, 'sealed' | 'payload'>): string {
  return issue.payload.sellerKind === 'naturalPerson' ? maskName(issue.sealed.sellerName) : issue.sealed.sellerName;
}
