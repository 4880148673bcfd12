/**
 * The worker's upload size and its start-up (`npm run bench:bundle`). In one run it bundles the
 * worker as `npm run deploy` uploads it and an empty Hono worker the same way
 * (worker/tools/bench-bundle-reference), the floor; prints both, raw and gzipped, against the
 * budget of 200 KB gzip, with the heaviest parts of the upload; and counts the zod parses made
 * when the worker starts (worker/tools/bundle-size.ts says how). Exits 1 when the upload is over
 * budget or a parse runs at start-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUDGET_GZIP_BYTES, dryRun, ROOT, zodParsesAtStartUp } from './bundle-size.ts';

const KIB = 1024;
const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;

const dir = mkdtempSync(join(tmpdir(), 'qinglian-bundle-'));
try {
  const worker = dryRun(join(ROOT, 'wrangler.toml'), join(dir, 'worker'));
  const reference = dryRun(join(ROOT, 'worker', 'tools', 'bench-bundle-reference', 'wrangler.toml'), join(dir, 'reference'));
  const parses = await zodParsesAtStartUp(dir);
  const zodInUpload = worker.parts.filter(([part]) => part === 'zod' || part.startsWith('@zod/')).reduce((n, [, bytes]) => n + bytes, 0);

  console.log('Worker upload (wrangler deploy --dry-run, minified as deployed)');
  console.log(`  Qinglian            ${kib(worker.raw).padStart(11)} raw   ${kib(worker.gzip).padStart(10)} gzip (${worker.gzip.toLocaleString('en')} bytes)`);
  console.log(`  empty Hono worker   ${kib(reference.raw).padStart(11)} raw   ${kib(reference.gzip).padStart(10)} gzip`);
  console.log(`  ratio               ${(worker.raw / reference.raw).toFixed(1).padStart(9)} ×     ${(worker.gzip / reference.gzip).toFixed(1).padStart(8)} ×`);
  console.log(`  budget              ${' '.repeat(21)}${kib(BUDGET_GZIP_BYTES).padStart(10)} gzip (${BUDGET_GZIP_BYTES / 1000} KB): ${worker.gzip <= BUDGET_GZIP_BYTES ? 'within' : 'OVER'}`);
  console.log('Heaviest parts (minified bytes in the upload)');
  for (const [part, bytes] of worker.parts.slice(0, Number(process.env.BENCH_PARTS ?? 12))) console.log(`  ${kib(bytes).padStart(10)}  ${part}`);
  console.log(`zod in the upload: ${kib(zodInUpload)}`);
  console.log(`zod parses at start-up: ${parses} (expected 0)`);

  const failures = [
    ...(worker.gzip > BUDGET_GZIP_BYTES ? [`the upload is ${worker.gzip.toLocaleString('en')} bytes gzip, over the budget of ${BUDGET_GZIP_BYTES.toLocaleString('en')}`] : []),
    ...(parses > 0 ? [`${parses} zod parse(s) run when the worker starts: validate at build time (content/generate.ts)`] : []),
  ];
  for (const failure of failures) console.error(`FAIL: ${failure}`);
  process.exitCode = failures.length > 0 ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
