import { describe, expect, it } from 'vitest';
import { switchedOffService } from '../../../electron/host/config/service-switch';

const ON = { invoiceCollection: true, invoiceIssue: true, iitCertificate: true };

describe('services switched off by a config bundle, at the host', () => {
  it('refuses starting 纳税信用 when a bundle turns it off, never the withdrawal of a consent', () => {
    const off = { ...ON, taxCredit: false };
    expect(switchedOffService('credit.view', off)).toBe('taxCredit');
    expect(switchedOffService('credit.authorize', off)).toBe('taxCredit');
    expect(switchedOffService('credit.revoke', off)).toBeNull();
  });

  it('leaves 纳税信用 on under a bundle from before it existed (no taxCredit named)', () => {
    expect(switchedOffService('credit.view', ON)).toBeNull();
    expect(switchedOffService('credit.authorize', { ...ON, taxCredit: true })).toBeNull();
  });

  it('still refuses the first three services when they are off, and only their starting calls', () => {
    const off = { invoiceCollection: false, invoiceIssue: false, iitCertificate: false };
    expect(switchedOffService('collection.collect', off)).toBe('invoiceCollection');
    expect(switchedOffService('issuance.begin', off)).toBe('invoiceIssue');
    expect(switchedOffService('certificate.print', off)).toBe('iitCertificate');
    expect(switchedOffService('issuance.print', off)).toBeNull();
  });
});
