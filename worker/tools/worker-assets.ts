/**
 * Data the worker reads from its own static assets on first use instead of carrying it in every
 * isolate (it would be most of the upload, and only a few requests need it):
 *
 * - dist/data/password-dictionaries.json: zxcvbn-ts's common lists (@zxcvbn-ts/language-common),
 *   read when an account is created or a password changed (worker/services/password-dictionaries.ts);
 * - dist/data/traditional-characters.txt: OpenCC's traditional → simplified character table
 *   (opencc-js), read when an outcome or a monthly notice is checked for personal data
 *   (worker/services/traditional-characters.ts).
 *
 * Both are the packages' public data, nothing of the town's, so they are served like any file.
 * `npm run build` writes them after Astro (which empties dist/); vitest.config.ts writes them when
 * missing, so the worker tests need no build.
 *
 *   node worker/tools/worker-assets.ts
 */
/// <reference path="../cases/opencc.d.ts" />
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import { PASSWORD_DICTIONARIES_PATH, TRADITIONAL_CHARACTERS_PATH } from '../services/static-data.ts';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');

const FILES: [path: string, contents: () => string][] = [
  [PASSWORD_DICTIONARIES_PATH, () => JSON.stringify({ dictionary, adjacencyGraphs })],
  [TRADITIONAL_CHARACTERS_PATH, () => TS_CHARACTERS],
];

/** Writes the files into dist/ (with `onlyMissing`, those not there yet). */
export function writeWorkerAssets({ onlyMissing = false } = {}): void {
  for (const [path, contents] of FILES) {
    const file = join(DIST, path);
    if (onlyMissing && existsSync(file)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents());
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeWorkerAssets();
