// Fails the build when the JavaScript a first visit loads exceeds the budget (issue #12:
// at most 150 KB gzipped). Counts every script index.html references and every chunk they
// import statically (modulepreload links), gzipped at level 9 as a CDN would serve them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
if (refs.length === 0) {
  console.error('size: index.html references no script under /assets/');
  process.exit(1);
}
let total = 0;
for (const ref of new Set(refs)) {
  const gz = gzipSync(readFileSync(join(dist, ref)), { level: 9 }).length;
  total += gz;
  console.log(`${ref}\t${(gz / 1024).toFixed(1)} KB gz`);
}
console.log(`first-load JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) {
  console.error('size: over budget');
  process.exit(1);
}
