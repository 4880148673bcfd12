/** The mass mailbox form, fresh or again with what was typed and each error marked. */
import { useLocale } from '../http/locale.ts';
import { town } from '../../content/index.ts';
import type { SubmissionDraft } from '../cases/submission.ts';
import type { FieldError } from '../cases/validation.ts';
import { ErrorSummary, FieldErrorLine, VillageOptions, invalidAttrs } from './fields.tsx';
import { Layout, localePath, translator } from './layout.tsx';
import { PROOF_SCRIPTS, proofAttrs } from './proof.tsx';

export interface MailboxPageProps {
  draft: SubmissionDraft;
  errors: FieldError[];
  /** A form-level problem that belongs to no single field (e.g. a reused submission id). */
  notice?: string;
  /** The mailbox took all it can without a proof of work this hour: say so, keep every field. */
  busy?: boolean;
}

export function MailboxPage({ draft, errors, notice, busy = false }: MailboxPageProps) {
  const locale = useLocale();
  const t = translator(locale);
  const { limits } = town;
  const formErrors = errors.filter((e) => e.field === 'submissionId');
  const fieldErrors = errors.filter((e) => e.field !== 'submissionId');
  return (
    <Layout path="/mailbox" title={t('mailbox.title')} scripts={[...PROOF_SCRIPTS, '/scripts/mailbox.js']}>
      <h1>{t('mailbox.title')}</h1>
      <p class="lead">{t('mailbox.lead')}</p>
      {busy && (
        <div class="notice notice-warning" role="alert" id="mailbox-busy">
          <p>{t('busy.mailbox')}</p>
          <p>
            <a href={localePath(locale, '/villages/')}>{t('busy.paper')}</a>
          </p>
        </div>
      )}
      {notice && (
        <p class="notice notice-error" role="alert">
          {notice}
        </p>
      )}
      {formErrors.map((e) => (
        <p class="notice notice-error" role="alert">
          {t(e.key, e.params)}
        </p>
      ))}
      <ErrorSummary errors={fieldErrors} />
      <form
        method="post"
        action={localePath(locale, '/mailbox')}
        class="mailbox-form"
        id="mailbox-form"
        novalidate
        autocomplete="off"
        {...proofAttrs(locale, 'submission', 'submissionId')}
        data-messages={JSON.stringify({
          'village.required': t('errors.village.required'),
          'category.required': t('errors.category.required'),
          'subject.required': t('errors.subject.required'),
          'subject.tooShort': t('errors.subject.tooShort', { min: limits.subjectMin }),
          'subject.tooLong': t('errors.subject.tooLong', { max: limits.subjectMax, n: '{n}' }),
          'description.required': t('errors.description.required'),
          'description.tooShort': t('errors.description.tooShort', { min: limits.descriptionMin, n: '{n}' }),
          'description.tooLong': t('errors.description.tooLong', { max: limits.descriptionMax, n: '{n}' }),
          'identity.required': t('errors.identity.required'),
          'name.required': t('errors.name.required'),
          'phone.required': t('errors.phone.required'),
          'phone.invalid': t('errors.phone.invalid'),
          summary: t('errors.summary', { n: '{n}' }),
          sending: t('mailbox.sending'),
          offline: t('mailbox.offline'),
          retry: t('mailbox.retry'),
          offlineAgain: t('mailbox.offline.again', { n: '{n}', time: '{time}' }),
          restored: t('mailbox.draftRestored'),
          count: t('field.count', { n: '{n}', max: limits.descriptionMax }),
        })}
      >
        <input type="hidden" name="submissionId" value={draft.submissionId} />

        <SubmissionFields draft={draft} errors={errors} linkable />

        <div class="offline notice notice-error" id="offline" role="alert" hidden></div>
        <button type="submit" class="button primary">
          {t('mailbox.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** What a staff member recording a letter, call or visit may choose: the villages and categories they may record. */
export interface IntakeChoices {
  villageIds: readonly string[];
  categoryIds: readonly string[];
}

/**
 * The fields of a submission (village, category, whether it concerns the village's own officers,
 * subject, description, identity), for the mailbox and, with `intake`, the staff intake: then only
 * the choices the officer may record, and hints written to the officer about the resident rather
 * than to the resident. `linkable`: the resident's own form, which may carry an earlier case's
 * query code for a 打击报复 report (never filled in again).
 */
export function SubmissionFields({ draft, errors, intake, linkable = false }: { draft: SubmissionDraft; errors: FieldError[]; intake?: IntakeChoices; linkable?: boolean }) {
  const locale = useLocale();
  const t = translator(locale);
  const { limits } = town;
  const named = draft.identity === 'named';
  const categories = intake ? town.categories.filter((c) => intake.categoryIds.includes(c.id)) : town.categories;
  const villageCategories = town.categories.filter((c) => c.route === 'village').map((c) => c.id).join(' ');
  const retaliation = town.categories.find((c) => c.retaliation);
  return (
    <>
    <div class="field" id="field-village">
      <label for="village">{t(intake ? 'staff.new.village' : 'field.village')}</label>
      <select id="village" name="village" required autocomplete="off" {...invalidAttrs(errors, 'village')}>
        <VillageOptions selected={draft.village} empty={t('field.village.choose')} only={intake?.villageIds} />
      </select>
      <FieldErrorLine errors={errors} field="village" />
    </div>

    <fieldset class="field" id="field-category" {...invalidAttrs(errors, 'category')}>
      <legend>{t('field.category')}</legend>
      {categories.map((c) => (
        <label class="choice">
          <input type="radio" name="category" value={c.id} checked={draft.category === c.id || categories.length === 1} required />
          <span>
            <strong>{c.name[locale]}</strong>
            <small>{c.hint[locale]}</small>
            {c.route === 'discipline' && <small class="sealed-who">{t('sealed.who')}</small>}
          </span>
        </label>
      ))}
      <FieldErrorLine errors={errors} field="category" />
    </fieldset>

    {categories.some((c) => c.route === 'village') && (
    <fieldset class="field" id="field-concernsOfficers" data-for-categories={villageCategories} {...invalidAttrs(errors, 'concernsOfficers', 'hint-concernsOfficers')}>
      <legend>{t('kept.field.legend')}</legend>
      <p class="hint" id="hint-concernsOfficers">
        {t('kept.field.hint')}
      </p>
      <label class="choice">
        <input type="checkbox" name="concernsOfficers" value="yes" checked={draft.concernsOfficers === 'yes'} />
        <span>{t('kept.field.label')}</span>
      </label>
      <FieldErrorLine errors={errors} field="concernsOfficers" />
    </fieldset>
    )}

    {linkable && retaliation && (
      <div class="field" id="field-earlierCode" data-for-categories={retaliation.id} data-needs-category>
        <label for="earlierCode">{t('link.field.label')}</label>
        <p class="hint" id="hint-earlierCode">
          {t('link.field.hint')}
        </p>
        {/* Never filled in again: a query code appears in no response but its receipt. */}
        <input
          id="earlierCode"
          name="earlierCode"
          type="text"
          value=""
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxlength={40}
          class="code-input"
          {...invalidAttrs(errors, 'earlierCode', 'hint-earlierCode')}
        />
        <FieldErrorLine errors={errors} field="earlierCode" />
      </div>
    )}

    <div class="field" id="field-subject">
      <label for="subject">{t('field.subject')}</label>
      <p class="hint" id="hint-subject">
        {t('field.subject.hint', { min: limits.subjectMin, max: limits.subjectMax })}
      </p>
      <input
        id="subject"
        name="subject"
        type="text"
        value={draft.subject ?? ''}
        required
        autocomplete="off"
        minlength={limits.subjectMin}
        maxlength={limits.subjectMax}
        {...invalidAttrs(errors, 'subject', 'hint-subject')}
      />
      <FieldErrorLine errors={errors} field="subject" />
    </div>

    <div class="field" id="field-description">
      <label for="description">{t('field.description')}</label>
      <p class="hint" id="hint-description">
        {t(intake ? 'staff.new.description.hint' : 'field.description.hint', { min: limits.descriptionMin, max: limits.descriptionMax })}
      </p>
      <textarea
        id="description"
        name="description"
        rows={8}
        required
        autocomplete="off"
        minlength={limits.descriptionMin}
        maxlength={limits.descriptionMax}
        {...invalidAttrs(errors, 'description', 'hint-description')}
      >
        {draft.description ?? ''}
      </textarea>
      <p class="counter" id="counter-description" aria-live="polite" hidden></p>
      <FieldErrorLine errors={errors} field="description" />
    </div>

    <fieldset class="field" id="field-identity" {...invalidAttrs(errors, 'identity', 'hint-identity')}>
      <legend>{t(intake ? 'staff.new.identity' : 'field.identity')}</legend>
      <p class="hint" id="hint-identity">
        {t(intake ? 'staff.new.identity.note' : 'field.identity.note')}
      </p>
      <label class="choice">
        <input type="radio" name="identity" value="anonymous" checked={draft.identity === 'anonymous'} required />
        <span>{t('field.identity.anonymous')}</span>
      </label>
      <label class="choice">
        <input type="radio" name="identity" value="named" checked={named} required />
        <span>{t('field.identity.named')}</span>
      </label>
      <FieldErrorLine errors={errors} field="identity" />
      <div class="named-fields" id="named-fields">
        <div class="field" id="field-name">
          <label for="name">{t('field.name')}</label>
          <input
            id="name"
            name="name"
            type="text"
            autocomplete="off"
            value={named ? (draft.name ?? '') : ''}
            maxlength={limits.nameMax}
            {...invalidAttrs(errors, 'name')}
          />
          <FieldErrorLine errors={errors} field="name" />
        </div>
        <div class="field" id="field-phone">
          <label for="phone">{t('field.phone')}</label>
          <p class="hint" id="hint-phone">
            {t('field.phone.hint')}
          </p>
          <input
            id="phone"
            name="phone"
            type="tel"
            inputmode="tel"
            autocomplete="off"
            value={named ? (draft.phone ?? '') : ''}
            maxlength={20}
            {...invalidAttrs(errors, 'phone', 'hint-phone')}
          />
          <FieldErrorLine errors={errors} field="phone" />
        </div>
      </div>
    </fieldset>
    </>
  );
}
