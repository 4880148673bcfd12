/**
 * Pages Astro builds with empty marked slots that the worker fills on every request with what D1
 * holds: `<div data-slot="village-affairs"></div>`, or one per village with `data-village`. The
 * built page streams through an HTMLRewriter that appends each slot's markup; nothing built is
 * replaced or parsed into memory (the village pages, the villages' list, the disclosures list and
 * the home page: worker/routes/disclosures.tsx, worker/routes/documents.tsx).
 */

/** The markup a slot gets: by its name and its village (null when it has none); undefined leaves it empty. */
export type SlotFill = (slot: string, village: string | null) => string | undefined;

/** `rewriter` with every `[data-slot]` element filled by `fill`. */
export function fillSlots(rewriter: HTMLRewriter, fill: SlotFill): HTMLRewriter {
  return rewriter.on('[data-slot]', {
    element(e) {
      const html = fill(e.getAttribute('data-slot') ?? '', e.getAttribute('data-village'));
      if (html !== undefined) e.append(html, { html: true });
    },
  });
}
