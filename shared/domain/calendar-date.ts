import { z } from 'zod';

/**
 * A real calendar date, `YYYY-MM-DD` (issue 14: `paidOn` 2024-02-30 used to
 * pass a digits-only pattern and was printed on a certificate). zod's ISO date
 * knows month lengths and leap years: 2024-02-29 passes, 2023-02-29, 2024-02-30
 * and 2024-04-31 do not. Every schema that carries a date uses this one.
 */
export const CalendarDate = z.iso.date({ message: 'a real calendar date such as 2024-05-15' });
