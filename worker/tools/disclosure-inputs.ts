/**
 * The disclosure cadences (core/disclosure-inputs.ts) read in Node from content/villages/ (the
 * same files and checks as the site's build), served to the worker's code as its ASSETS binding
 * would serve /data/disclosure-inputs.json.
 * `npm start` makes the demo's weekly sheets and assessment before the site is built, so it
 * cannot read them from dist/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseOrThrow, villageSchema } from '../../content/schemas.ts';
import { disclosureCadences } from '../../core/disclosure-inputs.ts';

const read = <T,>(file: string, schema: Parameters<typeof parseOrThrow<T>>[0]) => parseOrThrow(schema, parse(readFileSync(file, 'utf8')), file);

/** What of an ASSETS binding the worker's code uses. */
export interface AssetsLike {
  fetch(input: RequestInfo | URL): Promise<Response>;
}

/** /data/disclosure-inputs.json as the build writes it, read from content/. */
export function contentInputsJson(root = 'content'): string {
  const villages = readdirSync(join(root, 'villages')).filter((f) => f.endsWith('.yaml')).map((f) => read(join(root, 'villages', f), villageSchema));
  return JSON.stringify(disclosureCadences(villages));
}

/** An ASSETS-like binding that answers /data/disclosure-inputs.json from content/. */
export function contentAssets(root = 'content'): AssetsLike {
  const body = contentInputsJson(root);
  return {
    fetch: async (input: RequestInfo | URL) =>
      new URL(input instanceof Request ? input.url : String(input)).pathname === '/data/disclosure-inputs.json'
        ? new Response(body, { headers: { 'Content-Type': 'application/json' } })
        : new Response('not found', { status: 404 }),
  };
}
