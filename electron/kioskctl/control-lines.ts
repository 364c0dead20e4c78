import readline from 'node:readline';
import type { CommandIo } from './command';

export interface ControlReply {
  reply: string;
  quit: boolean;
}

/**
 * Reads control commands from stdin, one per line, and answers each with one
 * line (the simulators' `place`, `state`, `unplug`…). Commands run one at a
 * time, in order (unplug/replug are asynchronous); resolves on `quit` or a stop signal.
 */
export async function serveControlLines(io: CommandIo, execute: (line: string) => Promise<ControlReply>): Promise<void> {
  const rl = readline.createInterface({ input: io.stdin, terminal: false });
  await new Promise<void>((resolve) => {
    let queue = Promise.resolve();
    const finish = () => {
      rl.close();
      resolve();
    };
    io.stopSignal.addEventListener('abort', finish, { once: true });
    if (io.stopSignal.aborted) finish();
    rl.on('line', (line) => {
      if (line.trim() === '') return;
      queue = queue.then(async () => {
        const { reply, quit } = await execute(line).catch((e: unknown) => ({
          reply: `error ${e instanceof Error ? e.message : String(e)}`,
          quit: false,
        }));
        io.out(reply);
        if (quit) finish();
      });
    });
  });
}
