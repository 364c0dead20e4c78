#!/usr/bin/env node
/**
 * What grew between two V8 heap snapshots (e.g. the ones the memory bench row
 * writes with KIOSK_BENCH_HEAP_SNAPSHOTS=DIR at a quarter and at the end of a
 * run): objects grouped by type and constructor name, largest growth in
 * retained-by-self bytes first.
 *
 *   node scripts/heap-diff.mjs before.heapsnapshot after.heapsnapshot [--top N]
 */
import fs from 'node:fs';

function summarize(file) {
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8'));
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const at = { type: fields.indexOf('type'), name: fields.indexOf('name'), size: fields.indexOf('self_size') };
  const groups = new Map();
  const nodes = snapshot.nodes;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + at.type]];
    // Strings and code are grouped by type alone: their "names" are their contents.
    const name = type === 'object' || type === 'closure' || type === 'native' ? snapshot.strings[nodes[i + at.name]] : '';
    const key = `${type}${name ? ` ${name}` : ''}`;
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += nodes[i + at.size];
    groups.set(key, g);
  }
  return groups;
}

const [beforeFile, afterFile] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!beforeFile || !afterFile) {
  console.error('usage: node scripts/heap-diff.mjs before.heapsnapshot after.heapsnapshot [--top N]');
  process.exit(64);
}
const top = process.argv.includes('--top') ? Number(process.argv[process.argv.indexOf('--top') + 1]) : 25;
const before = summarize(beforeFile);
const after = summarize(afterFile);
const rows = [...new Set([...before.keys(), ...after.keys()])].map((key) => {
  const b = before.get(key) ?? { count: 0, bytes: 0 };
  const a = after.get(key) ?? { count: 0, bytes: 0 };
  return { key, count: a.count - b.count, bytes: a.bytes - b.bytes, total: a.bytes };
});
const total = (m) => [...m.values()].reduce((s, g) => s + g.bytes, 0);
console.log(`heap: ${(total(before) / 2 ** 20).toFixed(1)} MB → ${(total(after) / 2 ** 20).toFixed(1)} MB`);
console.log('growth (bytes)  count  group');
for (const r of rows.sort((x, y) => y.bytes - x.bytes).slice(0, top)) {
  console.log(`${String(r.bytes).padStart(14)} ${String(r.count).padStart(6)}  ${r.key}`);
}
