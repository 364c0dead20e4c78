import { z } from 'zod';
import { IdNumber, IitRecord, Month } from '../../../shared/backend';
import { hasValidCheckCharacter } from '../../../shared/domain/id-number';
import { MAX_CERTIFICATE_RECORDS } from '../../host/documents/iit-certificate';
import { FileInputError, readBoundedText } from '../../host/bounded-file';

/**
 * The records file of `kioskctl certificate render --records FILE.json`
 * (issue 4): `{"taxpayer":{"name","idNumber"},"from","to","records":[…]}`,
 * each record exactly the backend's `IitRecord`. A trust boundary: nothing
 * of the file is used before it passes this schema.
 */
export const CertificateFile = z
  .object({
    taxpayer: z
      .object({
        name: z.string().trim().min(1).max(50),
        idNumber: IdNumber.refine((id) => id.length !== 18 || hasValidCheckCharacter(id), 'the GB 11643 check character does not match'),
      })
      .strict(),
    from: Month,
    to: Month,
    records: z.array(IitRecord).max(MAX_CERTIFICATE_RECORDS, `at most ${MAX_CERTIFICATE_RECORDS} records per certificate`),
  })
  .strict()
  .superRefine((file, ctx) => {
    if (file.from > file.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    const total = file.records.reduce((sum, r) => sum + r.amountFen, 0);
    if (!Number.isSafeInteger(total)) ctx.addIssue({ code: 'custom', path: ['records'], message: 'the amounts add up to more than a total can hold' });
    file.records.forEach((record, i) => {
      if (record.period < file.from || record.period > file.to) {
        ctx.addIssue({ code: 'custom', path: ['records', i, 'period'], message: `must lie within ${file.from}..${file.to}` });
      }
    });
  });
export type CertificateFile = z.infer<typeof CertificateFile>;

/** 10,000 records are ~2 MB of JSON; anything far beyond is not a records file. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export class InputError extends Error {}

/** `records[3].amountFen: Invalid input…` for the first few issues; never echoes the values (they may be personal data). */
export function describeFileIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${fieldPath(issue.path)}: ${issue.message}`)
    .join('; ');
}

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** Reads and validates a records file; every refusal is an `InputError` naming the file or the field. */
export function readCertificateFile(file: string): CertificateFile {
  let text: string;
  try {
    // A regular file of at most 8 MiB, strict UTF-8 (bounded-file.ts): /dev/zero is refused, not read.
    text = readBoundedText(file, MAX_FILE_BYTES);
  } catch (error) {
    if (error instanceof FileInputError) throw new InputError(error.message);
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the error, which may be a name or an ID number: give the position only.
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new InputError(`${file} is not valid JSON${at ? ` (at character ${at})` : ''}`);
  }
  const parsed = CertificateFile.safeParse(raw);
  if (!parsed.success) throw new InputError(`${file}: ${describeFileIssues(parsed.error)}`);
  return parsed.data;
}
