import path from 'node:path';
import { validatingBackend, type TaxBackend } from '../../../shared/backend';
import { createSandboxBackend, type SandboxBackend } from '../../sandbox-backend';

/**
 * The one place that decides which tax backend the kiosk talks to. Today the
 * sandbox runs in-process; the AMQP transport (sync issue) replaces it here
 * and nowhere else — services only ever see `TaxBackend`.
 */
export const SANDBOX_BACKEND_FILE = 'sandbox-backend.sqlite';

export interface BackendChoice {
  /** Every reply checked against the contract before a service sees it. */
  backend: TaxBackend;
  /** The sandbox's demo/test controls; null once a real transport is used. */
  sandbox: SandboxBackend | null;
  close(): void;
}

export function openTaxBackend(dataDir: string, options: { paymentAutoConfirmMs?: number } = {}): BackendChoice {
  const sandbox = createSandboxBackend({ dbPath: path.join(dataDir, SANDBOX_BACKEND_FILE), paymentAutoConfirmMs: options.paymentAutoConfirmMs });
  return { backend: validatingBackend(sandbox), sandbox, close: () => sandbox.close() };
}
