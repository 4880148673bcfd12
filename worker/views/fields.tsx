/** Form parts shared by the worker's pages: the error summary, the field and its error line, a group of choices. */
import type { Child, JSX } from 'hono/jsx';
import { useLocale } from '../http/locale.ts';
import { town, type Locale } from '../../content/index.ts';
import { translate } from '../../content/translate.ts';
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

type Tag = 'input' | 'textarea' | 'select';
type ControlAttrs<T extends Tag> = Omit<JSX.IntrinsicElements[T], 'id' | 'name' | 'children'>;

/**
 * What names a field: `name`, the form field its errors carry (the control's id too unless `id`
 * says otherwise), or only an `id` for a control whose value is never sent (read by a script).
 */
type Named = { name: string; id?: string } | { name?: undefined; id: string };

type FieldProps<T extends Tag> = Named & {
  /** The control: a one-line input (the default), a textarea or a select. */
  control?: T;
  label: Child;
  /** A line under the label (`id="hint-<id>"`), which the control is described by. */
  hint?: Child;
  /**
   * The form's errors, this field's shown under it and marked on the control. Given, the field is
   * `id="field-<name>"`, the anchor the error summary links to; a field that never carries an
   * error has neither.
   */
  errors?: FieldError[];
  /** A textarea's or an input's text. */
  value?: string;
  /** A select's options. */
  children?: Child;
  /** What goes between the control and its error line (a live character counter). */
  after?: Child;
  /** Attributes of the field's box (`data-*` read by the page's script). */
  box?: Record<string, string | boolean | undefined>;
} & ControlAttrs<T>;

/**
 * One form field: its label, hint, control and error line in a `.field` box, the control marked
 * `aria-invalid` and described by the hint and its error. Attributes not named here go to the
 * control as written (`required`, `maxlength`, `autocomplete`, `inputmode`, `rows`…); an
 * `aria-invalid` or `aria-describedby` given there replaces the one the field would set.
 */
export function Field<T extends Tag = 'input'>(props: FieldProps<T>) {
  const { name, id: givenId, control, label, hint, errors, children, after, box, ...attrs } = props as FieldProps<Tag>;
  const { value, ...rest } = attrs as typeof attrs & { value?: string };
  const id = givenId ?? name!;
  const hintId = hint === undefined ? undefined : `hint-${id}`;
  const aria = invalidAttrs(errors && name !== undefined ? errors : [], name ?? id, hintId);
  // In the order written, the aria marks last unless the page gave its own.
  const controlAttrs = {
    id,
    name,
    ...(control === 'textarea' ? rest : attrs),
    ...Object.fromEntries(Object.entries(aria).filter(([k]) => !(k in attrs))),
  };
  return (
    <div class="field" id={errors && name !== undefined ? `field-${name}` : undefined} {...box}>
      <label for={id}>{label}</label>
      {hintId && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {control === 'textarea' ? (
        <textarea {...controlAttrs}>{value}</textarea>
      ) : control === 'select' ? (
        <select {...controlAttrs}>{children}</select>
      ) : (
        <input {...controlAttrs} />
      )}
      {after}
      {name !== undefined && errors && <FieldErrorLine errors={errors} field={name} />}
    </div>
  );
}

/** One choice of a `ChoiceField`: its value and what its label says (inside a `<span>`). */
export interface Choice {
  value: string;
  label: Child;
}

/**
 * A group of radio buttons (or checkboxes) in a `<fieldset class="field">`: the legend, a hint,
 * one `label.choice` per choice, the error line, marked like `Field` (`id="field-<name>"` when
 * `errors` are given). `after` goes between the choices and the error line, `children` after it.
 */
export function ChoiceField(props: {
  name: string;
  legend: Child;
  choices: readonly Choice[];
  type?: 'radio' | 'checkbox';
  /** Which choices are ticked. */
  checked?: (value: string) => boolean;
  required?: boolean;
  hint?: Child;
  errors?: FieldError[];
  after?: Child;
  children?: Child;
  box?: Record<string, string | boolean | undefined>;
}) {
  const { name, legend, choices, type = 'radio', checked, required, hint, errors, after, children, box } = props;
  const hintId = hint === undefined ? undefined : `hint-${name}`;
  return (
    <fieldset class="field" id={errors ? `field-${name}` : undefined} {...box} {...invalidAttrs(errors ?? [], name, hintId)}>
      <legend>{legend}</legend>
      {hintId && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {choices.map((c) => (
        <label class="choice">
          <input type={type} name={name} value={c.value} checked={checked?.(c.value)} required={required} />
          <span>{c.label}</span>
        </label>
      ))}
      {after}
      {errors && <FieldErrorLine errors={errors} field={name} />}
      {children}
    </fieldset>
  );
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
