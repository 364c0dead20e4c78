import { describe, expect, it } from 'vitest';
import { joinNegativeValues } from '../../../electron/kioskctl/command';

describe('kioskctl argument parsing', () => {
  const options = { dx: { type: 'string' }, dy: { type: 'string' }, json: { type: 'boolean' } } as const;

  it('takes a negative number after a string option as its value', () => {
    expect(joinNegativeValues(options, ['--dx', '1.5', '--dy', '-2.0', '--json'])).toEqual(['--dx', '1.5', '--dy=-2.0', '--json']);
  });

  it('leaves flags, boolean options and unknown options alone', () => {
    expect(joinNegativeValues(options, ['--json', '-2', '--dy', '--json'])).toEqual(['--json', '-2', '--dy', '--json']);
    expect(joinNegativeValues(options, ['--other', '-2'])).toEqual(['--other', '-2']);
  });
});
