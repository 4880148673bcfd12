/**
 * OpenCC's traditional → simplified character table, which the personal-data check uses to read
 * a name written in traditional characters (cases/normalise.ts), read on first use from the
 * worker's own static assets (dist/data/traditional-characters.txt, written by
 * worker/tools/worker-assets.ts from opencc-js) instead of being bundled: only checking an outcome
 * or a monthly notice before it is published needs it.
 */
import { hasTraditionalCharacters, useTraditionalCharacters } from '../cases/normalise.ts';
import { loadStaticData, type AssetReader, TRADITIONAL_CHARACTERS_PATH } from './static-data.ts';

/** Loads the table once per isolate; false when the assets do not have it (no check can be made). */
export function loadTraditionalCharacters(assets: AssetReader): Promise<boolean> {
  return loadStaticData(assets, TRADITIONAL_CHARACTERS_PATH, hasTraditionalCharacters, (body) => {
    if (!body.includes('|')) return false;
    useTraditionalCharacters(body);
    return true;
  });
}
