/**
 * The worker's upload and start-up as measured by `npm run bench:bundle` and checked by
 * test/site/worker-bundle.test.ts:
 *
 * - `dryRun`: the worker bundled as `npm run deploy` uploads it (`wrangler deploy --dry-run
 *   --outdir`, minified by wrangler.toml's `minify = true`), its modules summed as wrangler does,
 *   raw and gzipped, with the bytes per package or folder (esbuild's metafile);
 * - `zodParsesAtStartUp`: the worker's entry bundled with zod replaced by a stand-in that counts
 *   every parse, and imported in Node (what an isolate does at start-up: every module's top level
 *   runs). The content is validated at build time (content/generate.ts); the count must be 0.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

export const ROOT = resolve(import.meta.dirname, '../..');
/**
 * The budget of the worker's upload: 200 KB gzip. Photos, the villages' desk and the disclosures
 * rendered from D1 had brought it to 208.6 KB; bundling without esbuild's keep-names wrappers
 * (`keep_names = false` in wrangler.toml: nothing reads a function's name) took out about 15 KB.
 */
export const BUDGET_GZIP_BYTES = 200_000;

export interface Upload {
  raw: number;
  gzip: number;
  /** Bytes of the output per package or folder. */
  parts: [string, number][];
  /** Every input file with bytes in the output. */
  files: string[];
}

/** `wrangler deploy --dry-run` of a config into `outdir`; the size of what would be uploaded. */
export function dryRun(config: string, outdir: string): Upload {
  // wrangler wants the assets folder to exist; the worker's size does not depend on what is in it.
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  mkdirSync(outdir, { recursive: true });
  const metafile = join(outdir, 'meta.json');
  execFileSync(join(ROOT, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--config', config, '--outdir', join(outdir, 'out'), '--metafile', metafile], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // What wrangler uploads: every module it wrote, not the source map nor its README.
  const modules = readdirSync(join(outdir, 'out'))
    .filter((f) => !f.endsWith('.map') && f !== 'README.md')
    .map((f) => readFileSync(join(outdir, 'out', f)));
  const all = Buffer.concat(modules);
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }> };
  const parts = new Map<string, number>();
  const files: string[] = [];
  for (const [name, output] of Object.entries(meta.outputs)) {
    if (name.endsWith('.map')) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0) files.push(input);
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const part = pkg ?? input.replace(/^(\.\.\/)+/, '').split('/').slice(0, 2).join('/');
      parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
    }
  }
  return { raw: all.length, gzip: gzipSync(all).length, parts: [...parts].sort((a, b) => b[1] - a[1]), files };
}

/** A stand-in for zod and zod/mini: every schema is accepted as written, and every parse is counted. */
const COUNTING_ZOD = `
const PARSES = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa', 'decode', 'safeDecode', 'decodeAsync', 'safeDecodeAsync', 'encode', 'safeEncode', 'encodeAsync', 'safeEncodeAsync']);
const counted = (key) => (...args) => {
  globalThis.__zodParses = (globalThis.__zodParses ?? 0) + 1;
  const data = args.length > 1 && typeof args[0] === 'object' && args[0] !== null && '_zod' in args[0] ? args[1] : args[0];
  const result = key.startsWith('safe') || key === 'spa' ? { success: true, data } : data;
  return key.endsWith('Async') || key === 'spa' ? Promise.resolve(result) : result;
};
function schema() {
  return new Proxy(function () {}, {
    get(target, key) {
      if (typeof key === 'symbol' || key === 'then' || key === '__esModule') return undefined;
      if (PARSES.has(key)) return counted(key);
      return schema();
    },
    apply: () => schema(),
    construct: () => schema(),
  });
}
// Any name imported from it (z, object, string, …) is found through the prototype: a schema too.
module.exports = Object.create(schema());
`;

const countingZod: Plugin = {
  name: 'counting-zod',
  setup(b) {
    b.onResolve({ filter: /^zod(\/.*)?$/ }, () => ({ path: 'zod', namespace: 'counting-zod' }));
    b.onLoad({ filter: /.*/, namespace: 'counting-zod' }, () => ({ contents: COUNTING_ZOD, loader: 'js' }));
  },
};

/** The zod parses made by importing the worker's entry (every module's top level), with zod counted. */
export async function zodParsesAtStartUp(dir: string): Promise<number> {
  const outfile = join(dir, 'startup.mjs');
  await build({
    entryPoints: [join(ROOT, 'worker', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'import'],
    outfile,
    logLevel: 'error',
    plugins: [countingZod],
    external: ['cloudflare:*', 'node:*'],
  });
  const global = globalThis as { __zodParses?: number };
  global.__zodParses = 0;
  await import(pathToFileURL(outfile).href);
  return global.__zodParses;
}

