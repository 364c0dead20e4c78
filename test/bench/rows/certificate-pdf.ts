import { renderIitCertificate } from '../../../electron/host/documents/iit-certificate';
import { sampleInput } from '../../unit/documents/iit-certificate-sample';
import type { BenchRow } from '../bench-types';
import { msSince } from '../stats';

/** 24 records over two pages, Chinese, the font subset and embedded; warm (one render before). */
export const certificatePdfRow: BenchRow = {
  id: 'certificate-pdf',
  title: 'IIT certificate PDF (24 records, 2 pages)',
  measures: 'renderIitCertificate() called → PDF bytes returned (warm)',
  runs: 7,
  async setup() {
    await renderIitCertificate(sampleInput());
  },
  async run() {
    const input = sampleInput();
    const start = process.hrtime.bigint();
    const pdf = await renderIitCertificate(input);
    const ms = msSince(start);
    return [
      { name: 'render', value: ms, unit: 'ms', target: { op: '<', value: 300 } },
      { name: 'size', value: pdf.length / 1024, unit: 'KB', target: { op: '<', value: 200 } },
    ];
  },
};
