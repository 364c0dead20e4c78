import { ulid } from 'ulid';
import type { BackendReply, BackendRequest, PaymentStatus } from '../../shared/backend';
import { BackendError } from '../../shared/backend';
import type { Db } from '../../electron/host/db/database';

/** How long a payment QR code stays payable. */
export const PAYMENT_ORDER_TTL_MS = 15 * 60 * 1000;

interface OrderRow {
  order_id: string;
  transaction_id: string;
  amount_fen: number;
  description: string;
  created_at: string;
  expires_at: string;
  status: 'pending' | 'paid' | 'cancelled';
  paid_at: string | null;
}

function qrPayload(orderId: string): string {
  // A reserved TLD (RFC 2606): a phone that scans the demo code reaches nobody.
  return `https://pay.sandbox.invalid/order/${orderId}`;
}

/**
 * Idempotent on transactionId: a kiosk that retries after a lost reply gets the
 * same order (never a second charge). The same id with another amount is a
 * kiosk bug and is rejected rather than answered with the old order.
 */
export function createOrder(db: Db, request: BackendRequest<'payment.createOrder'>, now: Date): BackendReply<'payment.createOrder'> {
  return db.transaction(() => {
    const existing = db.prepare('SELECT * FROM payment_orders WHERE transaction_id = ?').get(request.transactionId) as OrderRow | undefined;
    if (existing) {
      if (existing.amount_fen !== request.amountFen) {
        throw new BackendError('rejected', 'payment.createOrder: transactionId reused with another amount');
      }
      return { orderId: existing.order_id, qrPayload: qrPayload(existing.order_id), expiresAt: existing.expires_at };
    }
    const orderId = ulid(now.getTime());
    const expiresAt = new Date(now.getTime() + PAYMENT_ORDER_TTL_MS).toISOString();
    db.prepare(
      `INSERT INTO payment_orders (order_id, transaction_id, amount_fen, description, created_at, expires_at, status)
       VALUES (?, ?, ?, ?, ?, ?, 'pending')`,
    ).run(orderId, request.transactionId, request.amountFen, request.description, now.toISOString(), expiresAt);
    return { orderId, qrPayload: qrPayload(orderId), expiresAt };
  })();
}

/**
 * Status as of `now`. Auto-confirm (demo) and expiry are worked out from the
 * clock when asked, not by timers, so an injected clock drives them in tests;
 * an auto-confirmation is written down so it stays paid afterwards.
 */
export function orderStatus(db: Db, orderId: string, now: Date, autoConfirmMs: number | undefined): BackendReply<'payment.status'> {
  return db.transaction((): BackendReply<'payment.status'> => {
    const row = db.prepare('SELECT * FROM payment_orders WHERE order_id = ?').get(orderId) as OrderRow | undefined;
    if (!row) throw new BackendError('rejected', 'payment.status: unknown order');
    if (row.status === 'pending' && autoConfirmMs !== undefined) {
      const confirmAt = Date.parse(row.created_at) + autoConfirmMs;
      if (confirmAt <= now.getTime() && confirmAt < Date.parse(row.expires_at)) {
        const paidAt = new Date(confirmAt).toISOString();
        db.prepare("UPDATE payment_orders SET status = 'paid', paid_at = ? WHERE order_id = ?").run(paidAt, orderId);
        return { status: 'paid', paidAt };
      }
    }
    const status: PaymentStatus = row.status === 'pending' && Date.parse(row.expires_at) <= now.getTime() ? 'expired' : row.status;
    return { status, paidAt: row.paid_at };
  })();
}

/** The taxpayer "paid" (control method): pending → paid. Answers the status afterwards. */
export function settleOrder(db: Db, orderId: string, to: 'paid' | 'cancelled', now: Date): PaymentStatus {
  const current = orderStatus(db, orderId, now, undefined).status;
  if (current !== 'pending') return current;
  db.prepare('UPDATE payment_orders SET status = ?, paid_at = ? WHERE order_id = ?').run(to, to === 'paid' ? now.toISOString() : null, orderId);
  return to;
}
