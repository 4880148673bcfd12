/** Form parts shared by the worker's pages: the error summary and a field's error line. */
import { useLocale } from '../http/locale.ts';
import { town, type Locale } from '../../content/index.ts';
import { translate } from '../../content/ui.ts';
import type { FieldError } from '../cases/validation.ts';

/**
 * Someone's text inside an `<option>`, where no `<bdi>` can go: between the Unicode isolates FSI
 * and PDI, so bidi controls in it cannot reorder what follows it.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}

const SLOT = '\u0000';

/**
 * A translated sentence with someone's text in it, that text in a `<bdi>` so bidi controls in it
 * cannot reorder the sentence: `sentence` gets the placeholder to put where the text goes.
 */
export function WithUserText({ sentence, text }: { sentence: (slot: string) => string; text: string }) {
  const [before, ...after] = sentence(SLOT).split(SLOT);
  return (
    <>
      {before}
      <bdi>{text}</bdi>
      {after.join('')}
    </>
  );
}

/** The message of a field error in `locale`. */
export function errorText(locale: Locale, error: FieldError): string {
  return translate(locale, error.key, error.params);
}

/** A box at the top of the form listing every error, linked to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const locale = useLocale();
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
      <p>{translate(locale, 'errors.summary', { n: errors.length })}</p>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#field-${e.field}`}>{errorText(locale, e)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The error line under one field, if it has one. */
export function FieldErrorLine({ errors, field }: { errors: FieldError[]; field: string }) {
  const locale = useLocale();
  const mine = errors.filter((e) => e.field === field);
  if (mine.length === 0) return null;
  return (
    <p class="field-error" id={`error-${field}`}>
      {mine.map((e) => errorText(locale, e)).join(' ')}
    </p>
  );
}

/** aria attributes for a field that may carry an error. */
export function invalidAttrs(errors: FieldError[], field: string, hintId?: string) {
  const invalid = errors.some((e) => e.field === field);
  const describedBy = [hintId, invalid ? `error-${field}` : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': invalid ? 'true' : undefined, 'aria-describedby': describedBy || undefined };
}

/** The village choices of a select: a first empty choice, then every village of the town (or only those in `only`). */
export function VillageOptions({ selected, empty, only }: { selected?: string; empty: string; only?: readonly string[] }) {
  const locale = useLocale();
  const villages = only ? town.villages.filter((v) => only.includes(v.id)) : town.villages;
  return (
    <>
      {villages.length > 1 && <option value="">{empty}</option>}
      {villages.map((v) => (
        <option value={v.id} selected={selected === v.id}>
          {v.name[locale]}
        </option>
      ))}
    </>
  );
}
