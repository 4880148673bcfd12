/** Validation of content files with errors that name the file and the field. */
import type { z } from 'zod';

/** Parses `raw` with `schema`; on failure throws one line per problem: `file: path.to.field: message`. */
export function parseContent<T>(schema: z.ZodType<T>, raw: unknown, file: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid ${file}:\n${lines.join('\n')}`);
  }
  return result.data;
}
