import type { QrMatrix } from '../../../shared/contract/services/issuance';
import { qrMatrix } from '../documents/qr-path';

/**
 * The payment QR code as a module matrix for the screen: the host computes it
 * (the `qrcode` package already serves the certificate), the renderer only
 * draws squares, so no QR library reaches the page.
 */
export function paymentQr(payload: string): QrMatrix {
  const matrix = qrMatrix(payload);
  return { size: matrix.length, rows: matrix.map((row) => row.map((dark) => (dark ? '1' : '0')).join('')) };
}
