/**
 * Data the worker reads from its own static assets on first use instead of carrying it in every
 * isolate (it would be most of the upload, and only a few requests need it):
 *
 * - dist/data/password-dictionaries.json: zxcvbn-ts's common lists (@zxcvbn-ts/language-common),
 *   read when an account is created or a password changed (worker/services/password-dictionaries.ts);
 * - dist/data/traditional-characters.txt: OpenCC's traditional → simplified character table
 *   (opencc-js), read when an outcome or a monthly notice is checked for personal data
 *   (worker/services/traditional-characters.ts);
 * - dist/data/ui-strings.json: every UI string of both languages (content/ui.ts, from content/ui/),
 *   read once per isolate before anything is translated (worker/services/ui-strings.ts).
 *
 * The first two are the packages' public data, the third the portal's own words, already public
 * on every page: nothing secret, so they are served like any file. The strings are written anew
 * every time (they change with the code); the others only when `onlyMissing` finds them missing.
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
import { ui } from '../../content/ui.ts';
import { PASSWORD_DICTIONARIES_PATH, TRADITIONAL_CHARACTERS_PATH, UI_STRINGS_PATH } from '../services/static-data.ts';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');

const FILES: [path: string, contents: () => string, always?: 'always'][] = [
  [PASSWORD_DICTIONARIES_PATH, () => JSON.stringify({ dictionary, adjacencyGraphs })],
  [TRADITIONAL_CHARACTERS_PATH, () => TS_CHARACTERS],
  [UI_STRINGS_PATH, () => JSON.stringify(ui), 'always'],
];

/** Writes the files into dist/ (with `onlyMissing`, those not there yet, and the strings). */
export function writeWorkerAssets({ onlyMissing = false } = {}): void {
  for (const [path, contents, always] of FILES) {
    const file = join(DIST, path);
    if (onlyMissing && !always && existsSync(file)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents());
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeWorkerAssets();
