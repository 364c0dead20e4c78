import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { BackendError, IdNumber, Month, validatingBackend } from '../../../shared/backend';
import { formatVerificationCode, makeVerificationCode, VERIFICATION_CODE_RANDOM_BYTES } from '../../../shared/domain/verification-code';
import { translate, Lang } from '../../../shared/i18n';
import { CARD_PROFILES } from '../../../devices/simulators/idcard/profiles';
import { resolveDataDir } from '../../host/data-dir';
import { groupedYuan, renderIitCertificate } from '../../host/documents/iit-certificate';
import { ConfigError, loadLocalConfig } from '../../host/local-config';
import { createSandboxBackend } from '../../host/services/tax-backend-choice';
import { EXIT, UsageError, type Command } from '../command';
import { InputError, readCertificateFile, type CertificateFile } from './certificate-input';

const HELP = `Usage: kioskctl certificate render --records FILE.json --out FILE.pdf [options]
       kioskctl certificate render --taxpayer ID --from YYYY-MM --to YYYY-MM --out FILE.pdf [options]

Renders an individual income-tax payment certificate (个人所得税完税证明) as an
A4 PDF, exactly as the kiosk prints it: masked ID number, the records table
over as many pages as it needs, the total in figures and in 大写, the issuing
authority, a new verification code with its QR code. Nothing is printed.

With --records, the records come from a JSON file:
  {"taxpayer":{"name":"…","idNumber":"…"},"from":"YYYY-MM","to":"YYYY-MM",
   "records":[{"period":"YYYY-MM","item":"…","agent":"…","amountFen":12345,
               "paidOn":"YYYY-MM-DD","authority":"…"}]}
(no other fields; amounts in integer fen; every period within from..to; at
most 1000 records). With --taxpayer, they come from the sandbox backend
(<data-dir>/sandbox-backend.sqlite, created with its demo data on first use)
for that person's ID number; the name is the simulator card profile's with
that number, or --name.

Options:
  --records FILE   the records file
  --taxpayer ID    the person's ID number (IIT records are per person)
  --from YYYY-MM   first month of the period (with --taxpayer)
  --to YYYY-MM     last month of the period (with --taxpayer)
  --name NAME      the taxpayer's name (with --taxpayer; default: the simulator profile's)
  --out FILE       where to write the PDF (its directory must exist; an existing file is replaced)
  --lang L         zh-CN (default) or en
  --issuer NAME    issuing authority (default: the authority of the latest record)
  --data-dir DIR   kiosk data directory: the kiosk id on the page, the sandbox database
  --json           one JSON object: {"out","pages","records","totalFen","verificationCode","bytes"}

Exit codes:
  0   written
  1   not written: the file or its directory cannot be written, or the sandbox backend failed
  2   the input is refused: the records file is unreadable, not JSON, or a field is invalid (named)
  64  bad or missing flags`;

/** The sandbox backend's database in the data directory (next to kiosk.sqlite, never inside it). */
export const SANDBOX_DB_FILE = 'sandbox-backend.sqlite';
/** `2`: this command's "input refused" (shares the number with other commands' documented refusals). */
const INPUT_REFUSED = EXIT.refused;

const str = (values: Record<string, unknown>, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};

function flag<T>(
  values: Record<string, unknown>,
  name: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  what: string,
): T {
  const raw = str(values, name);
  if (raw === undefined) throw new UsageError(`--${name} is required`);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--${name} must be ${what}`);
  return parsed.data;
}

/** The records of one person from the sandbox backend, as a records file would hold them. */
async function fromSandbox(values: Record<string, unknown>, dataDir: string): Promise<CertificateFile> {
  const idNumber = flag(values, 'taxpayer', IdNumber, 'an ID number (18 characters, or a 15-character foreign permit number)');
  const from = flag(values, 'from', Month, 'a month such as 2024-01');
  const to = flag(values, 'to', Month, 'a month such as 2024-12');
  if (from > to) throw new UsageError('--from must not be after --to');
  const name = str(values, 'name')?.trim() || Object.values(CARD_PROFILES).find((p) => p.idNumber === idNumber)?.name;
  if (!name) throw new UsageError('--name is required: no simulator card profile has that ID number');
  const sandbox = createSandboxBackend({ dbPath: path.join(dataDir, SANDBOX_DB_FILE) });
  try {
    const { records } = await validatingBackend(sandbox).iitRecords({ idNumber, from, to });
    return { taxpayer: { name, idNumber }, from, to, records };
  } finally {
    sandbox.close();
  }
}

export const certificateRenderCommand: Command = {
  path: ['certificate', 'render'],
  summary: 'render an IIT payment certificate PDF from a records file or the sandbox backend',
  help: HELP,
  options: {
    records: { type: 'string' },
    taxpayer: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    name: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string' },
    issuer: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const recordsFile = str(values, 'records');
    const bySandbox = str(values, 'taxpayer') !== undefined;
    if ((recordsFile !== undefined) === bySandbox) throw new UsageError('give either --records FILE or --taxpayer ID with --from and --to');
    if (recordsFile !== undefined && (values.from !== undefined || values.to !== undefined || values.name !== undefined)) {
      throw new UsageError('--from, --to and --name go with --taxpayer; a records file carries its own');
    }
    const out = str(values, 'out');
    if (!out) throw new UsageError('--out FILE.pdf is required');
    const langParsed = Lang.safeParse(str(values, 'lang') ?? 'zh-CN');
    if (!langParsed.success) throw new UsageError('--lang must be zh-CN or en');
    const lang = langParsed.data;
    const issuerFlag = str(values, 'issuer')?.trim();
    if (issuerFlag !== undefined && (issuerFlag === '' || [...issuerFlag].length > 100)) throw new UsageError('--issuer must be 1 to 100 characters');
    const dataDir = resolveDataDir(str(values, 'data-dir'));
    const fail = (code: number, message: string) => {
      io.err(`kioskctl certificate render: ${message}`);
      return code;
    };

    // Checked before any work: a typo in --out should not cost a render (or a sandbox query).
    const outPath = path.resolve(out);
    const outDir = path.dirname(outPath);
    if (!fs.existsSync(outDir) || !fs.statSync(outDir).isDirectory()) return fail(EXIT.failure, `cannot write ${out}: directory ${outDir} does not exist`);

    let kioskId: string;
    let input: CertificateFile;
    try {
      kioskId = loadLocalConfig(dataDir).kioskId;
      input = recordsFile !== undefined ? readCertificateFile(recordsFile) : await fromSandbox(values, dataDir);
    } catch (error) {
      if (error instanceof InputError) return fail(INPUT_REFUSED, error.message);
      if (error instanceof ConfigError) return fail(EXIT.failure, error.message);
      if (error instanceof BackendError) return fail(EXIT.failure, `sandbox backend: ${error.code}: ${error.message}`);
      throw error;
    }

    const code = formatVerificationCode(makeVerificationCode(randomBytes(VERIFICATION_CODE_RANDOM_BYTES)));
    const latest = input.records.reduce<(typeof input.records)[number] | undefined>((a, r) => (!a || r.paidOn >= a.paidOn ? r : a), undefined);
    const bytes = await renderIitCertificate({
      ...input,
      issuedAt: new Date(),
      issuer: issuerFlag ?? latest?.authority ?? translate(lang, 'certificate.issuer.default'),
      verificationCode: code,
      lang,
      kioskId,
      // A technician's sample, not the holder's copy: both masked (docs/certificate.md).
      nameShown: 'masked',
      idNumberShown: 'partlyHidden',
    });
    try {
      fs.writeFileSync(outPath, bytes);
    } catch (error) {
      return fail(EXIT.failure, `cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
    const totalFen = input.records.reduce((s, r) => s + r.amountFen, 0);
    // The taxpayer's name and ID number stay out of the output: it ends up in terminal logs and scripts.
    if (values.json) io.out(JSON.stringify({ out: outPath, pages, records: input.records.length, totalFen, verificationCode: code, bytes: bytes.length }));
    else
      io.out(
        `certificate written to ${outPath}: ${pages} page(s), ${input.records.length} record(s), total ¥${groupedYuan(totalFen)}, verification code ${code}`,
      );
    return EXIT.ok;
  },
};
