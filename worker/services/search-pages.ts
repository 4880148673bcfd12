/**
 * The static pages search finds beside the published documents (the disclosures, the villages'
 * pages, 办理流程 and privacy, in both languages): dist/data/search-pages.json, written at build by
 * worker/tools/worker-assets.ts from the built HTML, read once per isolate. When it cannot be
 * read, search answers with the documents alone (and the next request tries again).
 */
import { parseStaticPages, type StaticPage } from '../publishing/static-pages.ts';
import { loadStaticData, SEARCH_PAGES_PATH, type AssetReader } from './static-data.ts';

let pages: StaticPage[] | null = null;

/** The static pages, or none when the file cannot be read. */
export async function searchPages(assets: AssetReader): Promise<readonly StaticPage[]> {
  const ok = await loadStaticData(
    assets,
    SEARCH_PAGES_PATH,
    () => pages !== null,
    (body) => {
      const parsed = parseStaticPages(body);
      if (!parsed) return false;
      pages = parsed;
      return true;
    },
  );
  return ok && pages ? pages : [];
}
