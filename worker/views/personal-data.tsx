/** The personal-data findings on a staff form that publishes text: what was found where, and the confirmation box. */
import { useLocale, useT } from '../http/locale.ts';
import { CONFIRM_FIELD, type PublicationCheck } from '../cases/publication-check.ts';
import { translator } from './layout.tsx';

/** Where a finding starts, counted in characters (as a person counts), from 1. */
const position = (text: string, start: number) => [...text.slice(0, start)].length + 1;

/**
 * Every finding, linked to its field: first what must be removed, then what is to be confirmed.
 * `texts` are the texts as typed (positions count in them), `label` names a field.
 */
export function PersonalDataFindings<F extends string>(props: {
  check: PublicationCheck<F> | undefined;
  texts: Partial<Record<F, string>>;
  label: (field: F) => string;
  fieldId: (field: F) => string;
}) {
  const { check } = props;
  if (!check || check.findings.length === 0) return null;
  const t = useT();
  const list = (severity: 'block' | 'confirm') => (
    <ul>
      {check.findings
        .filter((f) => f.severity === severity)
        .map((f) => (
          <li>
            <a href={`#${props.fieldId(f.field)}`}>
              {t('outcomes.staff.finding', {
                field: props.label(f.field),
                position: position(props.texts[f.field] ?? '', f.start),
                kind: t(`outcomes.pii.${f.kind}`),
                text: f.text,
              })}
            </a>
          </li>
        ))}
    </ul>
  );
  const blocking = check.findings.some((f) => f.severity === 'block');
  const confirming = check.findings.some((f) => f.severity === 'confirm');
  return (
    <div class="error-summary" role="alert" id="pii-findings">
      {blocking && (
        <>
          <p>{t('outcomes.staff.found')}</p>
          {list('block')}
        </>
      )}
      {confirming && (
        <>
          <p>{t('outcomes.staff.toConfirm')}</p>
          {list('confirm')}
        </>
      )}
    </div>
  );
}

/** The box that confirms the findings shown; only when nothing blocking was found. Goes inside the form. */
export function ConfirmPersonalData({ check }: { check: PublicationCheck<string> | undefined }) {
  const locale = useLocale();
  if (!check?.confirmation) return null;
  return (
    <div class="field" id="field-confirm">
      <label class="choice">
        <input type="checkbox" name={CONFIRM_FIELD} value={check.confirmation} />
        <span>{translator(locale)('outcomes.staff.confirm')}</span>
      </label>
    </div>
  );
}
