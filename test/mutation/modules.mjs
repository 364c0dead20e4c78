/**
 * The modules under mutation testing, as docs/testing.md reports them: the code
 * whose bugs cost money or trust. Names are what `npm run mutate -- NAME` takes.
 *
 * `tests` are the unit tests that specify the module: a mutant counts as killed
 * only when one of them fails. Everything that merely imports the module
 * (renderer flows, sandbox data) is left out: it would multiply the run time
 * and credit the module with checks that are not about it.
 */
export const MODULES = {
  tax: {
    mutate: ['shared/domain/tax/*.ts'],
    tests: ['test/unit/domain/tax-*.test.ts', 'test/unit/domain/invoice-lines.test.ts'],
  },
  'id-checks': {
    mutate: ['shared/domain/id-number.ts', 'shared/domain/card-checks.ts'],
    tests: ['test/unit/devices/card-checks.test.ts', 'test/unit/domain/id-number.test.ts'],
  },
  'amount-in-words': { mutate: ['shared/domain/amount-in-words.ts'], tests: ['test/unit/domain/amount-in-words.test.ts'] },
  'verification-code': { mutate: ['shared/domain/verification-code.ts'], tests: ['test/unit/domain/verification-code.test.ts'] },
  'credit-code': { mutate: ['shared/domain/credit-code.ts'], tests: ['test/unit/domain/credit-code.test.ts'] },
  'sam-codec': {
    mutate: ['devices/idcard/sam-codec.ts', 'devices/idcard/sam-status.ts', 'devices/idcard/read-response.ts'],
    tests: ['test/unit/devices/sam-*.test.ts'],
  },
  'text-block': {
    mutate: ['devices/idcard/text-block.ts'],
    tests: ['test/unit/devices/text-block.test.ts', 'test/unit/devices/text-block-fields.test.ts', 'test/unit/devices/sam-long-frame.test.ts'],
  },
  'escpos-encoder': {
    mutate: [
      'devices/printers/escpos/encoder.ts',
      'devices/printers/escpos/commands.ts',
      'devices/printers/escpos/layout.ts',
      'devices/printers/escpos/text-width.ts',
    ],
    tests: ['test/unit/printers/escpos-encoder.test.ts', 'test/unit/printers/escpos-interpreter.test.ts', 'test/unit/printers/escpos-layout.test.ts'],
  },
  'escp-encoder': {
    mutate: ['devices/printers/escp/escp-encoder.ts'],
    tests: ['test/unit/printers/escp-encoder.test.ts', 'test/unit/printers/escp-page.test.ts'],
  },
  'status-parsing': {
    mutate: ['devices/printers/escpos/status.ts', 'devices/printers/escp/escp-status.ts'],
    tests: ['test/unit/printers/escpos-status.test.ts', 'test/unit/printers/escp-status-calibration.test.ts'],
  },
  'canonical-json': { mutate: ['shared/config/canonical-json.ts'], tests: ['test/unit/config/canonical-json.test.ts'] },
  // The name stays (its incremental file is bundle-signature.json); the checks moved to the shared verifier.
  'bundle-signature': {
    mutate: ['electron/host/signed-bundles/signed-bundle-verifier.ts', 'electron/host/config/bundle-signature.ts'],
    tests: ['test/unit/host/config-tamper.test.ts', 'test/unit/host/signed-bundle-bytes.test.ts'],
  },
  'stock-allocator': { mutate: ['electron/host/stock/allocator.ts'], tests: ['test/unit/host/stock-allocator.test.ts'] },
  'delivery-plan': { mutate: ['electron/host/sync/delivery-plan.ts'], tests: ['test/unit/sync/delivery-logic.test.ts'] },
};
