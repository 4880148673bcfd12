/**
 * The UI strings of both languages, read from the worker's static assets (dist/data/ui-strings.json,
 * written from content/ui.ts by worker/tools/worker-assets.ts) once per isolate and registered with
 * content/translate.ts, instead of being bundled: they were the largest part of the upload. The
 * locale middleware (worker/http/locale.ts) reads them before any request is answered, and
 * `scheduled()` (worker/index.ts) before its jobs; until they could be read, a request is
 * answered 503 with `STRINGS_UNAVAILABLE`, never 500.
 */
import { hasStrings, useStrings, type UiStrings } from '../../content/translate.ts';
import { loadStaticData, UI_STRINGS_PATH, type AssetReader } from './static-data.ts';

/** A table with both languages, each a map of strings; anything else is refused. */
function isTable(value: unknown): value is UiStrings {
  const isStrings = (v: unknown) => typeof v === 'object' && v !== null && Object.values(v).every((s) => typeof s === 'string');
  return typeof value === 'object' && value !== null && isStrings((value as Record<string, unknown>)['zh-CN']) && isStrings((value as Record<string, unknown>).en);
}

/** True once the strings are registered (read now, or already); false when they cannot be read. */
export function loadUiStrings(assets: AssetReader): Promise<boolean> {
  return loadStaticData(assets, UI_STRINGS_PATH, hasStrings, (body) => {
    const table: unknown = JSON.parse(body);
    if (!isTable(table)) return false;
    useStrings(table);
    return true;
  });
}
