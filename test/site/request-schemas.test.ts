// Requests are validated one way (issue 19): by schemas built with zod/mini from the pieces of
// worker/cases/validation.ts, the plain-text rule written there once, a choice among values read
// with the typed `isOneOf` rather than a cast.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support.ts';

const sources = (dir: string): { file: string; text: string }[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === 'tools'
        ? []
        : sources(`${dir}/${entry.name}`)
      : /\.tsx?$/.test(entry.name)
        ? [{ file: `${dir}/${entry.name}`, text: readFileSync(join(ROOT, dir, entry.name), 'utf8') }]
        : [],
  );

const worker = sources('worker');

/** Lines of the worker (its tools aside) matching `pattern`, as `file:line: text`. */
const offending = (pattern: RegExp) =>
  worker.flatMap(({ file, text }) => text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])));

describe('request validation', () => {
  it('writes the plain-text rule once, in worker/cases/validation.ts', () => {
    expect(offending(/replace\(\/\\r\\n\?\/g/).filter((l) => !l.startsWith('worker/cases/validation.ts:'))).toEqual([]);
  });

  it('reads a choice among values with isOneOf, not a cast to readonly string[]', () => {
    expect(offending(/as readonly string\[\]\)\.includes/)).toEqual([]);
  });

  it('imports zod only as zod/mini, whose messages come from content/ui and no locale of its own', () => {
    expect(offending(/from 'zod(\/v4)?(\/locales[^']*)?'/)).toEqual([]);
  });
});
