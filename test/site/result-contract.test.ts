// The result contract (worker/cases/result.ts): services and the domain name what went wrong with a
// refusal code, never an HTTP status; only worker/http/refusal.ts maps codes to statuses.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support.ts';

const sources = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(ROOT, dir, f), 'utf8') }));

const layers = [...sources('worker/services'), ...sources('worker/cases'), ...sources('worker/publishing'), ...sources('worker/photos')];

/** Lines of `text` matching `pattern`, as `file:line: text`. */
function offending(pattern: RegExp) {
  return layers.flatMap(({ file, text }) => text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])));
}

describe('the result contract', () => {
  it('keeps HTTP statuses out of services and the domain', () => {
    // An error status given to a `status` (`status: 409`, `status: 403 | 404`) or in a union of statuses.
    expect(offending(/\bstatus\??:\s*[^,;}\n]*\b[45]\d\d\b|\b[45]\d\d\s*\|\s*[45]\d\d\b/)).toEqual([]);
  });

  it('has one refusal shape: no `reason`, `problem` or `error` results beside Result', () => {
    // checkProof's reasons (cases/proof-of-work.ts) are the verifier's diagnostics, every one of them
    // refused alike as `proof_required` by the gate: the one exception.
    const shapes = offending(/ok: false[,;] (reason|problem|status|key|errors)\b|\{ error: \{ ok: false/).filter((l) => !l.startsWith('worker/cases/proof-of-work.ts:'));
    expect(shapes).toEqual([]);
  });

  it('has no result type of its own beside Result: validators, the workflow and its request parser answer Result<T>', () => {
    // `Validated<T>` (`{ ok: false, errors }`) and the workflow's `{ ok: false, key }` were such types.
    expect(offending(/\bValidated<|\{ ok: true; transition\b|\| \{ ok: false; (key|errors)\b/)).toEqual([]);
  });
});
