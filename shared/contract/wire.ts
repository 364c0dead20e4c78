import { z } from 'zod';
import { ResultEnvelope } from './result';

/**
 * Messages of the WebSocket bridge (Chromium shell). The Electron shell uses
 * `ipcMain.handle` instead, over the same router.
 */
export { MAX_WIRE_MESSAGE_BYTES } from './wire-size';

export const ClientMessage = z
  .object({
    t: z.literal('call'),
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    method: z.string().max(128),
    payload: z.unknown(),
  })
  .strict();
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: z.number().int(), result: ResultEnvelope }),
  z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
