import type crypto from 'node:crypto';
import type { z } from 'zod';
import { EXIT, type CommandIo } from '../command';
import { KeyError, readPrivateKey } from '../../host/config/bundle-keys';
import { describeBundleIssues } from '../../host/signed-bundles/signed-bundle-verifier';
import { FileInputError, readJsonFile } from './config-io';

/**
 * What `config sign` and `content sign` share: reading the administrator's
 * JSON, checking it against the kind's schema, reading the private key, and
 * the refusal output (`{"refused":{"reason":"schema|input|key","detail"}}`,
 * exit 2). A step that refuses throws; `runBundleSign` prints it once.
 */
type SignRefusalReason = 'schema' | 'input' | 'key';

class SignRefused extends Error {
  constructor(
    readonly reason: SignRefusalReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export interface SignSteps {
  readInput(file: string): unknown;
  parse<T>(schema: z.ZodType<T>, value: unknown): T;
  readKey(file: string): crypto.KeyObject;
}

const steps: SignSteps = {
  readInput(file) {
    try {
      return readJsonFile(file);
    } catch (error) {
      if (error instanceof FileInputError) throw new SignRefused('input', error.message);
      throw error;
    }
  },
  parse(schema, value) {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new SignRefused('schema', describeBundleIssues(parsed.error));
    return parsed.data;
  },
  readKey(file) {
    try {
      return readPrivateKey(file);
    } catch (error) {
      if (error instanceof KeyError) throw new SignRefused('key', error.message);
      throw error;
    }
  },
};

/** Runs `sign` with the shared steps; a refusal is printed (as `kioskctl <command>`) and gives exit 2. */
export function runBundleSign(command: string, json: boolean, io: CommandIo, sign: (steps: SignSteps) => number): number {
  try {
    return sign(steps);
  } catch (error) {
    if (!(error instanceof SignRefused)) throw error;
    if (json) io.out(JSON.stringify({ refused: { reason: error.reason, detail: error.detail } }));
    else io.err(`kioskctl ${command}: refused: ${error.detail}`);
    return EXIT.refused;
  }
}
