/** How one registered part stops: close a database, stop a loop, drop a listener. May be async. */
export type Dispose = () => unknown;

/** A part whose stop threw or rejected. */
export interface DisposeFailure {
  part: string;
  error: unknown;
}

/**
 * Teardown in one place (VS Code's `DisposableStore`): each part of the host
 * is registered the moment it is created, and `dispose()` stops them in
 * reverse order — what was made last, and may use what came before, goes
 * first. Making a part and registering its stop are one step, so a part
 * added later cannot be forgotten at shutdown.
 *
 * A part that fails to stop does not stop the others: its error is reported
 * (`onError`) and collected, and the next part is disposed all the same.
 */
export class DisposableStore {
  private readonly parts: { name: string; dispose: Dispose }[] = [];
  private disposing: Promise<DisposeFailure[]> | null = null;

  constructor(private readonly onError: (failure: DisposeFailure) => void = () => undefined) {}

  /**
   * Registers how the part named `name` stops. Once the store is being
   * disposed, a part added late is stopped at once: nothing outlives the store.
   */
  add(name: string, dispose: Dispose): void {
    if (this.disposing) {
      void this.disposeOne({ name, dispose }).then((failure) => failure && this.onError(failure));
      return;
    }
    this.parts.push({ name, dispose });
  }

  /** Names of the parts still registered, oldest first (tests, diagnostics). */
  names(): string[] {
    return this.parts.map((part) => part.name);
  }

  /** Stops every part, newest first, each once; resolves with the failures after the last part. Idempotent. */
  dispose(): Promise<DisposeFailure[]> {
    this.disposing ??= this.disposeAll();
    return this.disposing;
  }

  private async disposeAll(): Promise<DisposeFailure[]> {
    const failures: DisposeFailure[] = [];
    for (let part = this.parts.pop(); part; part = this.parts.pop()) {
      const failure = await this.disposeOne(part);
      if (failure) {
        failures.push(failure);
        this.onError(failure);
      }
    }
    return failures;
  }

  private async disposeOne(part: { name: string; dispose: Dispose }): Promise<DisposeFailure | null> {
    try {
      await part.dispose();
      return null;
    } catch (error) {
      return { part: part.name, error };
    }
  }
}
