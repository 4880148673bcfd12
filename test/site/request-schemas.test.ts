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

  it('reads no request field with typeof in a route or a service: the schemas do, but where a file is named below', () => {
    // At most this many, each for its reason; a file not named here has none.
    const allowed: Record<string, number> = {
      // A multipart body's entries: a file (dropped) or a field, as readInput tells bytes from text.
      'worker/routes/open311.ts': 2,
      // Forms being rebuilt elsewhere now: accounts, the mailbox's own page, staff case pages.
      'worker/routes/accounts.tsx': 2,
      'worker/routes/pages.tsx': 1,
      'worker/routes/staff.tsx': 4,
      'worker/services/accounts.ts': 3,
      'worker/services/committee.ts': 1,
      // The outcome form's drafts, read as typed; the CSRF token, compared before any form is read.
      'worker/services/outcomes.ts': 1,
      'worker/services/staff-auth.ts': 1,
      // Not a request: the UI strings read from the worker's own static assets, checked before use.
      'worker/services/ui-strings.ts': 1,
    };
    const reads = offending(/typeof [\w.[\]'"]+ [!=]== 'string'/).filter((l) => /^worker\/(routes|services)\//.test(l));
    const counts = new Map<string, number>();
    for (const line of reads) counts.set(line.split(':')[0]!, (counts.get(line.split(':')[0]!) ?? 0) + 1);
    const over = [...counts].filter(([file, n]) => n > (allowed[file] ?? 0)).map(([file]) => reads.filter((l) => l.startsWith(`${file}:`)));
    expect(over.flat()).toEqual([]);
  });
});
