#!/usr/bin/env node
/**
 * What grew between two V8 heap snapshots (e.g. the ones the memory bench row
 * writes with KIOSK_BENCH_HEAP_SNAPSHOTS=DIR at a quarter and at the end of a
 * run): objects grouped by type and constructor name, largest growth in
 * retained-by-self bytes first.
 *
 *   node scripts/heap-diff.mjs before.heapsnapshot after.heapsnapshot [--top N] [--retainers]
 *
 * --retainers: for the objects that are new in the second snapshot (node ids
 * are stable within one process), what holds them: the retaining object's
 * group and the edge name, counted. A Map or array that gains an entry per
 * visit shows up here by name.
 */
import fs from 'node:fs';

function load(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function summarize(snapshot) {
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
const beforeSnapshot = load(beforeFile);
const afterSnapshot = load(afterFile);
const before = summarize(beforeSnapshot);
const after = summarize(afterSnapshot);
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

/** Who holds the objects new in `after`: retainer group + edge name → count. */
function retainersOfNew(a, b) {
  const idsBefore = new Set();
  const wa = a.snapshot.meta.node_fields.length;
  const idAt = a.snapshot.meta.node_fields.indexOf('id');
  for (let i = 0; i < a.nodes.length; i += wa) idsBefore.add(a.nodes[i + idAt]);
  const meta = b.snapshot.meta;
  const w = meta.node_fields.length;
  const f = (name) => meta.node_fields.indexOf(name);
  const [fType, fName, fId, fEdges] = [f('type'), f('name'), f('id'), f('edge_count')];
  const ew = meta.edge_fields.length;
  const [eType, eName, eTo] = [meta.edge_fields.indexOf('type'), meta.edge_fields.indexOf('name_or_index'), meta.edge_fields.indexOf('to_node')];
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const label = (i) => {
    const type = nodeTypes[b.nodes[i + fType]];
    return type === 'object' || type === 'closure' || type === 'native' ? `${type} ${b.strings[b.nodes[i + fName]]}` : type;
  };
  const counts = new Map();
  let edge = 0;
  for (let i = 0; i < b.nodes.length; i += w) {
    const n = b.nodes[i + fEdges];
    for (let k = 0; k < n; k++, edge += ew) {
      const to = b.edges[edge + eTo];
      const kind = edgeTypes[b.edges[edge + eType]];
      if (kind === 'weak' || kind === 'shortcut') continue;
      if (idsBefore.has(b.nodes[to + fId])) continue;
      const toType = nodeTypes[b.nodes[to + fType]];
      if (toType === 'code' || toType === 'hidden' || toType === 'synthetic') continue;
      // Only retainers that existed before: the container that grew, not the new objects holding each other.
      if (!idsBefore.has(b.nodes[i + fId])) continue;
      const name = kind === 'element' || kind === 'hidden' ? `[${kind}]` : String(b.strings[b.edges[edge + eName]] ?? b.edges[edge + eName]);
      const key = `${label(i)} —${name}→ ${label(to)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].sort((x, y) => y[1] - x[1]);
}

if (process.argv.includes('--retainers')) {
  console.log('\nnew objects by the (older) object that holds them:');
  for (const [key, n] of retainersOfNew(beforeSnapshot, afterSnapshot).slice(0, top)) console.log(`${String(n).padStart(8)}  ${key}`);
}
