/**
 * The password estimator's word lists, read on first use from the worker's own static assets
 * (dist/data/password-dictionaries.json, written by worker/tools/worker-assets.ts from
 * @zxcvbn-ts/language-common) instead of being bundled: they would be most of the worker's
 * upload, and only account creation and password changes need them.
 */
import { hasPasswordDictionaries, usePasswordDictionaries, type PasswordDictionaries } from '../cases/password-strength.ts';
import { loadStaticData, type AssetReader, PASSWORD_DICTIONARIES_PATH } from './static-data.ts';

/** Loads the lists once per isolate; false when the assets do not have them (no check can be made). */
export function loadPasswordDictionaries(assets: AssetReader): Promise<boolean> {
  return loadStaticData(assets, PASSWORD_DICTIONARIES_PATH, hasPasswordDictionaries, (body) => {
    const lists = JSON.parse(body) as PasswordDictionaries;
    if (!lists?.dictionary || !lists.adjacencyGraphs) return false;
    usePasswordDictionaries(lists);
    return true;
  });
}
