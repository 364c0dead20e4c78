// Preloaded into a kiosk host by test/e2e/host-kill.test.ts (node --require): on SIGUSR2 the
// host throws an uncaught exception, as a bug would. The test then checks that no child
// (simulator socat, kiosk browser) outlives the crashed host.
process.on('SIGUSR2', () => {
  setImmediate(() => {
    throw new Error('injected crash (test/support/crash-on-signal.cjs)');
  });
});
