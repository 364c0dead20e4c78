import { describe, expect, it } from 'vitest';
import { createRouter, ErrorCode, methods } from '../../../shared/contract';
import { testHandlers } from '../../support/test-handlers';
import { prng, randomInt } from '../../support/prng';

const handlers = testHandlers();

function randomValue(rand: () => number, depth = 0): unknown {
  switch (randomInt(rand, depth > 3 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return rand() * 1e12 - 5e11;
    case 3:
      return String.fromCharCode(...Array.from({ length: randomInt(rand, 40) }, () => randomInt(rand, 0xffff)));
    case 4:
      return rand() < 0.5;
    case 5:
      return ['__proto__', 'constructor', 'profile', ''][randomInt(rand, 4)];
    case 6:
      return Array.from({ length: randomInt(rand, 5) }, () => randomValue(rand, depth + 1));
    case 7: {
      const o: Record<string, unknown> = {};
      for (let i = randomInt(rand, 5); i > 0; i--) o[String(randomValue(rand, 4))] = randomValue(rand, depth + 1);
      return o;
    }
    default:
      return JSON.parse('{"__proto__": {"polluted": true}, "profile": "resident"}');
  }
}

describe('contract router fuzz', () => {
  it('answers every random call with a well-formed result and never throws', async () => {
    const router = createRouter(handlers);
    const names = Object.keys(methods);
    const rand = prng(20261128);
    for (let i = 0; i < 5000; i++) {
      const method = rand() < 0.6 ? names[randomInt(rand, names.length)] : randomValue(rand);
      const result = await router.call(method, randomValue(rand), { shell: 'test' });
      if (!result.ok) expect(ErrorCode.options).toContain(result.error.code);
      else expect(result).toHaveProperty('value');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
