/**
 * A pause that `wake()` can end early: a device driver's poll or reconnect
 * interval that `stop()` must not wait out, a broker backoff, an idle poll
 * that new outbox rows cut short. Its timer is cleared either way. A wake with
 * no pause under way is not remembered.
 */
export class WakeableSleep {
  private wakeCurrent: (() => void) | null = null;

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      const wake = (): void => finish();
      this.wakeCurrent = wake;
      const release = (): void => {
        if (this.wakeCurrent === wake) this.wakeCurrent = null;
      };
      function finish(): void {
        clearTimeout(timer);
        release();
        resolve();
      }
    });
  }

  /** Ends the pause under way now, if any. */
  wake(): void {
    this.wakeCurrent?.();
  }
}
