import { describe, expect, it } from 'vitest';
import { isAllowedPeriod, periodBounds, shiftMonth, spanMonths, taxMonthOf, withFrom, withTo } from '../../../shared/domain/certificate-period';

describe('certificate period', () => {
  it('counts the month in Beijing time: 16:30 UTC on 31 December is already January there', () => {
    expect(taxMonthOf(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01');
    expect(taxMonthOf(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12');
  });

  it('bounds: the last 36 months up to this one, presets never in the future nor over 12 months', () => {
    const b = periodBounds(new Date('2026-03-10T04:00:00Z'));
    expect(b).toMatchObject({ earliest: '2023-04', latest: '2026-03', historyMonths: 36, maxSpanMonths: 12 });
    expect(b.presets).toEqual([
      { id: 'last12Months', from: '2025-03', to: '2026-02' },
      { id: 'thisYear', from: '2026-01', to: '2026-03' },
      { id: 'lastYear', from: '2025-01', to: '2025-12' },
    ]);
    for (const p of b.presets) expect(isAllowedPeriod(p, b)).toBe(true);
  });

  it('refuses the future, what is older than the history, more than 12 months, and a reversed range', () => {
    const b = periodBounds(new Date('2026-03-10T04:00:00Z'));
    expect(isAllowedPeriod({ from: '2026-03', to: '2026-04' }, b)).toBe(false);
    expect(isAllowedPeriod({ from: '2023-03', to: '2023-06' }, b)).toBe(false);
    expect(isAllowedPeriod({ from: '2024-01', to: '2025-01' }, b)).toBe(false);
    expect(isAllowedPeriod({ from: '2025-05', to: '2025-04' }, b)).toBe(false);
    expect(isAllowedPeriod({ from: '2023-04', to: '2024-03' }, b)).toBe(true);
  });

  it('moving one end keeps the range allowed, whatever is picked', () => {
    const b = periodBounds(new Date('2026-03-10T04:00:00Z'));
    let range = { from: '2025-03', to: '2026-02' };
    for (let i = -40; i <= 4; i++) {
      const month = shiftMonth(b.latest, i);
      range = i % 2 === 0 ? withFrom(range, month, b) : withTo(range, month, b);
      expect(isAllowedPeriod(range, b)).toBe(true);
    }
    expect(withFrom({ from: '2025-03', to: '2026-02' }, '2023-06', b)).toEqual({ from: '2023-06', to: '2024-05' });
    expect(withTo({ from: '2025-03', to: '2026-02' }, '2024-01', b)).toEqual({ from: '2024-01', to: '2024-01' });
    expect(spanMonths({ from: '2024-12', to: '2025-11' })).toBe(12);
  });
});
