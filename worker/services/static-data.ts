/**
 * Data read on first use from the worker's own static assets rather than bundled (written to
 * dist/data/ by worker/tools/worker-assets.ts): each file is fetched once per isolate, handed to
 * the pure code that needs it, and a request that needs it before it could be read is answered
 * 503 by its route, never 500.
 */
export const PASSWORD_DICTIONARIES_PATH = '/data/password-dictionaries.json';
export const TRADITIONAL_CHARACTERS_PATH = '/data/traditional-characters.txt';
export const UI_STRINGS_PATH = '/data/ui-strings.json';
export const SEARCH_PAGES_PATH = '/data/search-pages.json';
export const DISCLOSURE_INPUTS_PATH = '/data/disclosure-inputs.json';

/** What of the ASSETS binding is used: its fetch. */
export interface AssetReader {
  fetch(request: Request): Promise<Response>;
}

const loading = new Map<string, Promise<boolean>>();

/**
 * Reads `path` from the assets once and hands its body to `use`, unless `ready()` already; false
 * when the file cannot be read or `use` refuses it (then the next request tries again).
 */
export function loadStaticData(assets: AssetReader, path: string, ready: () => boolean, use: (body: string) => boolean): Promise<boolean> {
  if (ready()) return Promise.resolve(true);
  let pending = loading.get(path);
  if (!pending) {
    pending = (async () => {
      try {
        const res = await assets.fetch(new Request(`https://assets.invalid${path}`));
        return res.ok && use(await res.text());
      } catch {
        return false;
      } finally {
        loading.delete(path);
      }
    })();
    loading.set(path, pending);
  }
  return pending;
}
