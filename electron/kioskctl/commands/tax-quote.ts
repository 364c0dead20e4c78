import { EXIT, UsageError, type Command } from '../command';
import { resolveDataDir } from '../../host/data-dir';
import { loadActiveTaxConfig } from '../../host/tax/active-tax-config';
import { LocationClass, TaxConfig } from '../../../shared/config/tax-config';
import { formatFen, formatTaxRate } from '../../../shared/domain/invoice-form';
import { parseScaled } from '../../../shared/domain/tax/exact';
import { quoteTax, type SellerKind, type TaxLine, type TaxLineKind, type TaxQuote } from '../../../shared/domain/tax/quote';
import type { TaxRefusal } from '../../../shared/domain/tax/refusal';
import { assertNever } from '../../../shared/assert-never';
import { CalendarDate } from '../../../shared/domain/calendar-date';
import { chinaDate } from '../../host/config/config-store';

const HELP = `Usage: kioskctl tax quote --gross YUAN [--seller-kind KIND] [--date YYYY-MM-DD]
                         [--levy-rate PCT] [--location city|county|other]
                         [--reduction PCT] [--iit-rate PCT] [--month-to-date YUAN] [--json] [--data-dir DIR]

Works out the tax on an invoice issued on behalf (发票代开) by the method of
docs/tax-rules.md, with the kiosk's active tax config; the flags override it.

Options:
  --gross YUAN          what the buyer pays, tax included (e.g. 10300.00; at most 2 decimals)
  --seller-kind KIND    enterprise (no IIT withheld), individual-business (default) or
                        natural-person (VAT per time: free at or under the per-time threshold)
  --date YYYY-MM-DD     the day of the sale (China date; default today): picks the levy rate in
                        force (the reduced 1 % to 2027-12-31 by default, then 3 %)
  --levy-rate PCT       VAT levy rate in percent (e.g. 3 or 1), on every date
  --location L          city (urban maintenance 7%), county (5%) or other (1%)
  --reduction PCT       small-scale reduction of the surcharges in percent (50, or 0 for none)
  --iit-rate PCT        assessed IIT rate on the net amount in percent (e.g. 1.5; 0 = not collected)
  --month-to-date YUAN  the seller's invoiced sales this month before this invoice (default 0:
                        then a gross up to the monthly threshold is VAT-exempt)
  --json                one JSON object: netFen, vatFen, urbanFen, educationFen,
                        localEducationFen, iitFen, nationalFen, localFen, totalFen, exempt,
                        levyRateBp, sellerKind, date (iitFen 0 for an enterprise)
  --data-dir DIR        where the active config lives (or KIOSK_DATA_DIR)

Amounts are yuan, rates percent, both plain decimals with at most 2 decimals
(no signs, exponents or grouping); JSON amounts are integer fen.

Exit codes:
  0   quoted
  2   refused by the rules (gross not positive, over the per-invoice limit): the reason on stderr
  64  usage error (missing or malformed flag)`;

function yuanFlag(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const fen = typeof raw === 'string' ? parseScaled(raw, 2) : null;
  if (fen === null) throw new UsageError(`--${name} must be an amount in yuan such as 10300.00 (digits, at most 2 decimals)`);
  return fen;
}

const SELLER_KIND_FLAGS: Record<string, SellerKind> = {
  enterprise: 'enterprise',
  'individual-business': 'individualBusiness',
  'natural-person': 'naturalPerson',
};
const FLAG_OF_KIND: Record<SellerKind, string> = { enterprise: 'enterprise', individualBusiness: 'individual-business', naturalPerson: 'natural-person' };

function sellerKindFlag(values: Record<string, string | boolean | undefined>): SellerKind {
  const raw = values['seller-kind'];
  if (raw === undefined) return 'individualBusiness';
  const kind = typeof raw === 'string' && Object.hasOwn(SELLER_KIND_FLAGS, raw) ? SELLER_KIND_FLAGS[raw] : undefined;
  if (!kind) throw new UsageError(`--seller-kind must be one of: ${Object.keys(SELLER_KIND_FLAGS).join(', ')}`);
  return kind;
}

function dateFlag(values: Record<string, string | boolean | undefined>): string {
  const raw = values.date;
  if (raw === undefined) return chinaDate(new Date());
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw) || !CalendarDate.safeParse(raw).success) {
    throw new UsageError('--date must be a real calendar day written YYYY-MM-DD, such as 2026-06-15');
  }
  return raw;
}

function percentFlag(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const bp = typeof raw === 'string' ? parseScaled(raw, 2) : null;
  if (bp === null || bp > 10_000) throw new UsageError(`--${name} must be a percentage from 0 to 100 with at most 2 decimals, such as 1.5`);
  return bp;
}

/** The active config with the flags laid over it; a given levy rate is in force on every date (the switch off). */
function withOverrides(active: TaxConfig, values: Record<string, string | boolean | undefined>): TaxConfig {
  const levyRateBp = percentFlag(values, 'levy-rate');
  const reductionBp = percentFlag(values, 'reduction');
  const iitBp = percentFlag(values, 'iit-rate');
  const location = values.location === undefined ? undefined : LocationClass.safeParse(values.location);
  if (location && !location.success) throw new UsageError(`--location must be one of: ${LocationClass.options.join(', ')}`);
  return TaxConfig.parse({
    ...active,
    ...(levyRateBp === undefined ? {} : { levyRateBp, reducedLevyRateOn: false }),
    ...(reductionBp === undefined ? {} : { smallScaleReductionBp: reductionBp }),
    ...(iitBp === undefined ? {} : { iitAssessedRateBp: iitBp }),
    ...(location?.success ? { location: location.data } : {}),
  });
}

const LINE_LABELS: Record<TaxLineKind, string> = {
  vat: 'VAT (增值税)',
  urbanMaintenance: 'urban maintenance tax (城建税)',
  education: 'education surcharge (教育费附加)',
  localEducation: 'local education surcharge (地方教育附加)',
  iit: 'individual income tax (个税)',
};

function lineRow(line: TaxLine, exempt: boolean): [string, string, string] {
  const rate = line.kind === 'vat' && exempt ? formatTaxRate('exempt') : formatTaxRate(line.rateBp);
  const cut = line.reductionBp > 0 ? ` -${formatTaxRate(line.reductionBp)}` : '';
  return [`${LINE_LABELS[line.kind]} ${rate}${cut}`, line.authority, formatFen(line.amountFen)];
}

/** Taxpayer-readable order: what is paid, what it splits into, each tax, each authority's total. */
function table(quote: TaxQuote): string[] {
  const rows: [string, string, string][] = [
    ['gross, tax included (价税合计)', '', formatFen(quote.grossFen)],
    ['net amount (金额)', '', formatFen(quote.netFen)],
    ...quote.lines.national.map((line) => lineRow(line, quote.exempt)),
    ...quote.lines.local.map((line) => lineRow(line, quote.exempt)),
    ['national authority (国税)', 'national', formatFen(quote.nationalFen)],
    ['local authority (地税)', 'local', formatFen(quote.localFen)],
    ['total tax', '', formatFen(quote.totalFen)],
  ];
  // CJK characters take two columns in a terminal: pad by display width.
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const labelWidth = Math.max(...rows.map(([label]) => width(label)));
  const amountWidth = Math.max(...rows.map(([, , amount]) => amount.length));
  const lines = rows.map(
    ([label, authority, amount]) => `${label}${' '.repeat(labelWidth - width(label))}  ${authority.padEnd(8)}  ${amount.padStart(amountWidth)}`,
  );
  if (quote.exempt) {
    lines.push(
      quote.sellerKind === 'naturalPerson'
        ? 'VAT-exempt (免税): the sale stays within the per-time threshold'
        : 'VAT-exempt (免税): monthly sales stay within the threshold',
    );
  }
  if (quote.sellerKind === 'enterprise') lines.push('enterprise seller: no individual income tax withheld (it settles enterprise income tax itself)');
  return lines;
}

function refusalSentence(refusal: TaxRefusal): string {
  switch (refusal.reason) {
    case 'grossNotPositive':
      return 'grossNotPositive: the gross must be more than 0.00';
    case 'grossOverLimit':
      return `grossOverLimit: the gross ${formatFen(refusal.grossFen)} is above the per-invoice limit ${formatFen(refusal.limitFen)} of the ${refusal.amountVersion} forms`;
    case 'lineAmountMismatch':
    case 'tooManyLines':
    case 'buyerTaxIdInvalid':
    case 'sellerHasArrears':
    case 'sellerCreditGradeBlocked':
      return refusal.reason; // not reachable from a bare gross; named for completeness
    default:
      return assertNever(refusal, 'tax refusal');
  }
}

export const taxQuoteCommand: Command = {
  path: ['tax', 'quote'],
  summary: 'work out the tax on an invoice issued on behalf, split by authority',
  help: HELP,
  options: {
    gross: { type: 'string' },
    'seller-kind': { type: 'string' },
    date: { type: 'string' },
    'levy-rate': { type: 'string' },
    location: { type: 'string' },
    reduction: { type: 'string' },
    'iit-rate': { type: 'string' },
    'month-to-date': { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const grossFen = yuanFlag(values, 'gross');
    if (grossFen === undefined) throw new UsageError('--gross YUAN is required');
    const monthToDateFen = yuanFlag(values, 'month-to-date') ?? 0;
    const sellerKind = sellerKindFlag(values);
    const date = dateFlag(values);
    const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);
    // The rates in force on that day: noon China time of the date picks the bundle by its effectiveFrom.
    const config = withOverrides(await loadActiveTaxConfig(dataDir, new Date(`${date}T12:00:00+08:00`)), values);
    const result = quoteTax({ grossFen, monthToDateFen, sellerKind, date }, config);
    if (!result.ok) {
      io.err(`kioskctl tax quote: refused: ${refusalSentence(result.refusal)}`);
      return EXIT.refused;
    }
    const q = result.quote;
    if (values.json) {
      const { netFen, vatFen, urbanFen, educationFen, localEducationFen, iitFen, nationalFen, localFen, totalFen, exempt, levyRateBp } = q;
      const kind = FLAG_OF_KIND[q.sellerKind];
      io.out(
        JSON.stringify({
          netFen,
          vatFen,
          urbanFen,
          educationFen,
          localEducationFen,
          iitFen,
          nationalFen,
          localFen,
          totalFen,
          exempt,
          levyRateBp,
          sellerKind: kind,
          date,
        }),
      );
    } else {
      for (const line of table(q)) io.out(line);
    }
    return EXIT.ok;
  },
};
