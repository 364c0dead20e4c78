/**
 * Runs async steps one after another. A simulator's unplug and replug must not
 * overlap: a replug that ran while an unplug was still closing its PTY would
 * see the old PTY, do nothing, and leave the device unplugged for good.
 */
export function inOrder(): <T>(step: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(step: () => Promise<T>) => {
    const run = tail.then(step, step);
    tail = run.catch(() => undefined);
    return run;
  };
}
