import { z } from 'zod';

/**
 * A receipt as structured content, printer-neutral. Texts are already in the
 * taxpayer's language (from the catalogues); amounts are already formatted.
 * The ESC/POS encoder turns it into bytes; the text renderer into a preview.
 */
export const ReceiptLine = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text: z.string().max(500),
    align: z.enum(['left', 'center', 'right']).default('left'),
    bold: z.boolean().default(false),
    /** 1 = normal, 2 = double width and height. */
    size: z.union([z.literal(1), z.literal(2)]).default(1),
  }),
  /** Label on the left, value on the right, aligned by display width (full-width characters count 2). */
  z.object({ type: z.literal('pair'), label: z.string().max(200), value: z.string().max(200), bold: z.boolean().default(false) }),
  z.object({ type: z.literal('separator'), char: z.enum(['-', '=', '*']).default('-') }),
  z.object({ type: z.literal('qr'), data: z.string().min(1).max(700), moduleSize: z.number().int().min(2).max(10).default(6) }),
  z.object({ type: z.literal('feed'), lines: z.number().int().min(1).max(10).default(1) }),
]);
export type ReceiptLine = z.input<typeof ReceiptLine>;

export const Receipt = z.object({
  lines: z.array(ReceiptLine).max(200),
});
export type Receipt = z.input<typeof Receipt>;
export type ParsedReceipt = z.output<typeof Receipt>;
