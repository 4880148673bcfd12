/** The photo field of the mailbox and the follow-up form, and the list of a case's photos. */
import { useLocale } from '../http/locale.ts';
import type { UiKey } from '../../content/translate.ts';
import type { FieldError } from '../cases/validation.ts';
import type { PhotoItem } from '../services/photos.ts';
import { PHOTO_FIELD, limitParams, photoLimits } from '../photos/accept.ts';
import { Field } from './fields.tsx';
import { translator } from './layout.tsx';

export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp';
/** The mailbox's photo script (previews, remove one, shrink before sending); the form works without it. */
export const PHOTO_SCRIPT = '/scripts/mailbox-photos.js';

/** A plain file input: it works without JavaScript; the photo script adds previews and shrinking. */
export function PhotoField({ errors, followup = false, room = photoLimits.maxCount, label }: { errors: FieldError[]; followup?: boolean; room?: number; label?: UiKey }) {
  const t = translator(useLocale());
  return (
    <Field
      name={PHOTO_FIELD}
      label={t(label ?? (followup ? 'photos.field.followup' : 'photos.field.label'))}
      hint={t('photos.field.hint', { ...limitParams(), count: room })}
      errors={errors}
      type="file"
      accept={PHOTO_TYPES}
      multiple
      autocomplete="off"
      box={{
        'data-photos': 'true',
        'data-max-count': String(room),
        'data-max-bytes': String(photoLimits.maxBytesEach),
        'data-max-total': String(photoLimits.maxTotalBytes),
        'data-messages': JSON.stringify({
          remove: t('photos.remove'),
          shrinking: t('photos.shrinking'),
          tooMany: t('photos.errors.tooMany', { max: room }),
          tooLarge: t('photos.errors.tooLarge', { max: limitParams().each! }),
          totalTooLarge: t('photos.errors.totalTooLarge', { max: limitParams().total! }),
          cannotRead: t('photos.shrink.cannotRead'),
          type: t('photos.errors.type'),
        }),
      }}
    />
  );
}

/**
 * A case's photos, each shown from `src(id)`. A sealed one a page cannot open itself (the committee's
 * console) carries its address in `data-sealed-photo`, for the committee's script to open.
 */
export function PhotoList({ photos, src, sealedInBrowser = false, link = false }: { photos: PhotoItem[]; src: (id: string) => string; sealedInBrowser?: boolean; link?: boolean }) {
  const t = translator(useLocale());
  if (photos.length === 0) return null;
  return (
    <section class="case-photos" id="case-photos" aria-labelledby="case-photos-title">
      <h2 id="case-photos-title">{t('photos.list.title')}</h2>
      <ul class="photo-list">
        {photos.map((p) => {
          // A sealed photo's dimensions are in its envelope, not in its row: its label has none.
          const label = t(p.sealed && sealedInBrowser ? 'photos.list.sealed' : p.width === null ? 'photos.list.numbered' : 'photos.list.item', { n: p.n, width: p.width ?? 0, height: p.height ?? 0 });
          return (
            <li>
              {p.sealed && sealedInBrowser ? (
                <figure data-sealed-photo={src(p.id)} data-photo-type={p.type}>
                  <figcaption>{label}</figcaption>
                </figure>
              ) : (
                <figure>
                  {link ? <a href={src(p.id)}>{img(p, src(p.id), label)}</a> : img(p, src(p.id), label)}
                  <figcaption>{label}</figcaption>
                </figure>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A photo at most 320 px wide on the page, its own proportions kept (a sealed one's, opened, by the browser), loaded as the reader scrolls to it. */
export function img(p: { width: number | null; height: number | null }, src: string, label: string) {
  if (p.width === null || p.height === null) return <img src={src} alt={label} width={320} loading="lazy" />;
  const width = Math.min(p.width, 320);
  return <img src={src} alt={label} width={width} height={Math.max(1, Math.round((width / p.width) * p.height))} loading="lazy" />;
}
