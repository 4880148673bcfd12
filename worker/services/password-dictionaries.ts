/**
 * The password estimator's word lists, read on first use from the worker's own static assets
 * (/data/password-dictionaries.json, written by the site's build from @zxcvbn-ts/language-common)
 * instead of being bundled: they would be most of the worker's upload, and only account creation
 * and password changes need them. Read once per isolate.
 */
import { hasPasswordDictionaries, usePasswordDictionaries, type PasswordDictionaries } from '../cases/password-strength.ts';

export const PASSWORD_DICTIONARIES_PATH = '/data/password-dictionaries.json';

let loading: Promise<boolean> | null = null;

/** Loads the lists once; false when the assets do not have them (the check cannot be made). */
export function loadPasswordDictionaries(assets: Pick<Fetcher, 'fetch'>): Promise<boolean> {
  if (hasPasswordDictionaries()) return Promise.resolve(true);
  loading ??= (async () => {
    try {
      const res = await assets.fetch(new Request(`https://assets.invalid${PASSWORD_DICTIONARIES_PATH}`));
      if (!res.ok) return false;
      const lists = (await res.json()) as PasswordDictionaries;
      if (!lists?.dictionary || !lists.adjacencyGraphs) return false;
      usePasswordDictionaries(lists);
      return true;
    } catch {
      return false;
    } finally {
      loading = null;
    }
  })();
  return loading;
}
