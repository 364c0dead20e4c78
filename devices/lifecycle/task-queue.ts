/**
 * Runs tasks one at a time, in the order given: a status poll never splits
 * a job's bytes, a second job waits for the first. A task that fails does
 * not stop the next.
 */
export class TaskQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
