import type { CompletionCode } from '../../shared/domain/device-status';

/**
 * SW3 result codes of the SAM (GA 450 family; docs/devices.md). SW1 SW2 are always
 * `00 00`; SW3 carries the result. `completion` is the XFS4IoT completion a
 * command ending with this code maps to: card problems the taxpayer can fix
 * (no card, lifted, not genuine) are `userError`; SAM/module faults are
 * `hardwareError`; frames the reader could not parse are `invalidData`.
 */
export interface Sw3Status {
  readonly code: number;
  readonly name: string;
  readonly meaning: string;
  readonly completion: CompletionCode;
}

function s(code: number, name: string, meaning: string, completion: CompletionCode): Sw3Status {
  return { code, name, meaning, completion };
}

export const SW3 = {
  ok: 0x90,
  noSuchItem: 0x91,
  cardFound: 0x9f,
  readFailed: 0x41,
  noCard: 0x80,
  selectFailed: 0x81,
  badCommand: 0x21,
} as const;

export const SW3_STATUS: ReadonlyMap<number, Sw3Status> = new Map(
  [
    s(0x90, 'ok', 'operation succeeded', 'success'),
    // 91 is the normal answer of "read added address" on a card without one.
    s(0x91, 'noSuchItem', 'no such item (e.g. no added address)', 'success'),
    s(0x9f, 'cardFound', 'card found', 'success'),
    s(0x10, 'checksumError', 'reader received a frame with a bad checksum', 'invalidData'),
    s(0x11, 'lengthError', 'reader received a frame with a bad length', 'invalidData'),
    s(0x21, 'badCommand', 'command not recognised', 'unsupportedCommand'),
    s(0x23, 'unauthorised', 'command not authorised', 'hardwareError'),
    s(0x24, 'unknownError', 'unrecognised error in the reader', 'hardwareError'),
    // 31–33 and 47: the RF exchange with the card failed, usually a card moved
    // or not genuine: the taxpayer places it again.
    s(0x31, 'cardAuthSamFailed', 'card failed to authenticate the SAM', 'userError'),
    s(0x32, 'samAuthCardFailed', 'SAM failed to authenticate the card', 'userError'),
    s(0x33, 'verificationFailed', 'information verification failed', 'userError'),
    s(0x3f, 'infoLengthError', 'information length error', 'invalidData'),
    s(0x40, 'unknownCardType', 'unknown card type', 'userError'),
    s(0x41, 'readFailed', 'read failed (card lifted or moved)', 'userError'),
    s(0x47, 'randomFailed', 'getting a random number from the card failed', 'userError'),
    s(0x60, 'samSelfTestFailed', 'SAM self-test failed', 'hardwareError'),
    s(0x66, 'samNotAuthorised', 'SAM not authorised', 'hardwareError'),
    s(0x80, 'noCard', 'find card failed (no card)', 'userError'),
    s(0x81, 'selectFailed', 'select card failed', 'userError'),
  ].map((st) => [st.code, st] as const),
);

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/** The status for any SW3, including codes the table does not know (then `hardwareError`). */
export function sw3Status(code: number): Sw3Status {
  return SW3_STATUS.get(code) ?? s(code, 'unknown', `unknown SW3 0x${hex2(code)}`, 'hardwareError');
}

/** `9F card found`: for frame taps and technicians' messages. */
export function describeSw3(code: number): string {
  return `${hex2(code)} ${sw3Status(code).meaning}`;
}
