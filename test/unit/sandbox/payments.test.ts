import { describe, expect, it } from 'vitest';
import { PAYMENT_ORDER_TTL_MS } from '../../../backend/sandbox/payments';
import { NOW, sandbox } from './sandbox-fixture';

const order = { transactionId: '01JTX0000000000000000000A1', amountFen: 46_800, description: '代开发票税款' };

describe('payment orders', () => {
  it('is idempotent on transactionId: a retry gets the same order and QR code', async () => {
    const { backend } = sandbox();
    const first = await backend.paymentCreateOrder(order);
    const again = await backend.paymentCreateOrder(order);
    expect(again).toEqual(first);
    const other = await backend.paymentCreateOrder({ ...order, transactionId: '01JTX0000000000000000000A2' });
    expect(other.orderId).not.toBe(first.orderId);
    expect(first.qrPayload).toContain(first.orderId);
  });

  it('refuses the same transactionId with another amount', async () => {
    const { backend } = sandbox();
    await backend.paymentCreateOrder(order);
    await expect(backend.paymentCreateOrder({ ...order, amountFen: 1 })).rejects.toMatchObject({ code: 'rejected' });
  });

  it('stays pending until confirmPayment, then is paid', async () => {
    const { backend, advance } = sandbox();
    const { orderId } = await backend.paymentCreateOrder(order);
    expect(await backend.paymentStatus({ orderId })).toEqual({ status: 'pending', paidAt: null });
    advance(60_000);
    expect(backend.confirmPayment(orderId)).toBe('paid');
    const status = await backend.paymentStatus({ orderId });
    expect(status.status).toBe('paid');
    expect(status.paidAt).not.toBeNull();
    // Confirming twice changes nothing.
    expect(backend.confirmPayment(orderId)).toBe('paid');
  });

  it('with auto-confirm, is paid once the delay has passed on the clock, and stays paid', async () => {
    const { backend, advance } = sandbox({ paymentAutoConfirmMs: 5_000 });
    const { orderId } = await backend.paymentCreateOrder(order);
    advance(4_999);
    expect((await backend.paymentStatus({ orderId })).status).toBe('pending');
    advance(1);
    expect((await backend.paymentStatus({ orderId })).status).toBe('paid');
    advance(PAYMENT_ORDER_TTL_MS * 2);
    expect((await backend.paymentStatus({ orderId })).status).toBe('paid');
  });

  it('expires when nobody pays in time; a late confirmation does not make it paid', async () => {
    const { backend, advance } = sandbox();
    const { orderId, expiresAt } = await backend.paymentCreateOrder(order);
    expect(expiresAt).toBe(new Date(NOW.getTime() + PAYMENT_ORDER_TTL_MS).toISOString());
    advance(PAYMENT_ORDER_TTL_MS - 1);
    expect((await backend.paymentStatus({ orderId })).status).toBe('pending');
    advance(1);
    expect((await backend.paymentStatus({ orderId })).status).toBe('expired');
    expect(backend.confirmPayment(orderId)).toBe('expired');
  });

  it('a cancelled order stays cancelled', async () => {
    const { backend } = sandbox();
    const { orderId } = await backend.paymentCreateOrder(order);
    expect(backend.cancelPayment(orderId)).toBe('cancelled');
    expect(backend.confirmPayment(orderId)).toBe('cancelled');
    expect((await backend.paymentStatus({ orderId })).status).toBe('cancelled');
  });

  it('an unknown order is rejected', async () => {
    const { backend } = sandbox();
    await expect(backend.paymentStatus({ orderId: 'NOPE' })).rejects.toMatchObject({ code: 'rejected' });
  });
});
