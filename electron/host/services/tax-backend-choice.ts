import path from 'node:path';
import { validatingBackend, type TaxBackend } from '../../../shared/backend';
import { createSandboxBackend, type SandboxBackend } from '../../../backend/sandbox';
import type { BackendConfig } from '../../../shared/config/local-config';
import { AmqpRpcClient, amqpTaxBackend } from '../sync/rpc-client';
import { withTlsParams } from '../sync/amqp-tls';

/**
 * The one seam between the kiosk and backend/ (the tax authority's side). The
 * layering check (.dependency-cruiser.cjs) lets no other kiosk file import
 * backend/: what the kiosk and kioskctl need of the sandbox is re-exported here.
 */
export { createSandboxBackend, type SandboxBackend };
export { sandboxContentBundle, sandboxPublicContent } from '../../../backend/sandbox/public-content-seed';

/**
 * The one place that decides which tax backend the kiosk talks to:
 * `backend.transport` `sandbox` (default) runs the sandbox in-process; `amqp`
 * asks over RabbitMQ (sync/rpc-client.ts). Services only ever see `TaxBackend`.
 */
export const SANDBOX_BACKEND_FILE = 'sandbox-backend.sqlite';

export interface BackendChoice {
  /** Every reply checked against the contract before a service sees it. */
  backend: TaxBackend;
  /** The sandbox's demo/test controls; null once a real transport is used. */
  sandbox: SandboxBackend | null;
  close(): void;
}

export function openTaxBackend(dataDir: string, options: { paymentAutoConfirmMs?: number; backend?: BackendConfig; kioskId?: string } = {}): BackendChoice {
  const wire = options.backend;
  if (wire?.transport === 'amqp' && wire.url !== undefined) {
    // Queries as AMQP request/reply to the backend (or `npm run sandbox -- --amqp URL`).
    const client = new AmqpRpcClient({
      url: withTlsParams(wire.url, wire.tls),
      appId: options.kioskId ?? 'KIOSK',
      heartbeatSeconds: wire.heartbeatSeconds,
      timeoutMs: wire.queryTimeoutMs,
      declareTopology: wire.declareTopology,
    });
    return { backend: amqpTaxBackend(client), sandbox: null, close: () => void client.close() };
  }
  const sandbox = createSandboxBackend({ dbPath: path.join(dataDir, SANDBOX_BACKEND_FILE), paymentAutoConfirmMs: options.paymentAutoConfirmMs });
  return { backend: validatingBackend(sandbox), sandbox, close: () => sandbox.close() };
}
