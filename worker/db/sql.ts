/** Small helpers for writing SQL from the code's own constants. */
import { parseStatus, type CaseStatus } from '../cases/status.ts';

/**
 * A list of the code's own words as an SQL list, `('a', 'b')`, for `IN`. Only for constants: a
 * value that is not a plain lower-case word throws, so nothing a request sent can reach it.
 */
export function sqlIn(values: readonly string[]): string {
  if (values.length === 0) throw new Error('sqlIn: an empty list');
  for (const v of values) if (!/^[a-z][a-z_]*$/.test(v)) throw new Error(`sqlIn: not a plain word: ${JSON.stringify(v)}`);
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}

/** A row as D1 returns it: its status column is any text until parsed. */
export type Stored<R extends { status: unknown }> = Omit<R, 'status'> & { status: string };

/** A row with its status checked (`parseStatus`): an unknown status throws rather than travel on. */
export function withStatus<R extends { status: string }>(row: R): Omit<R, 'status'> & { status: CaseStatus } {
  return { ...row, status: parseStatus(row.status) };
}
