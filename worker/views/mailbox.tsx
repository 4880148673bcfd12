/** The mass mailbox form, fresh or again with what was typed and each error marked. */
import { useLocale } from '../http/locale.ts';
import { town } from '../../content/index.ts';
import type { SubmissionDraft } from '../cases/submission.ts';
import type { FieldError } from '../cases/validation.ts';
import { ANONYMOUS_ASKED_FIELD, ANONYMOUS_AS_IS_FIELD, type SelfIdentifying } from '../cases/anonymous-check.ts';
import { ChoiceField, ErrorSummary, Field, VillageOptions } from './fields.tsx';
import { Layout, localePath, translator } from './layout.tsx';
import { PROOF_SCRIPTS, proofAttrs } from './proof.tsx';
import { PHOTO_SCRIPT, PhotoField } from './photos.tsx';

export interface MailboxPageProps {
  draft: SubmissionDraft;
  errors: FieldError[];
  /** A form-level problem that belongs to no single field (e.g. a reused submission id). */
  notice?: string;
  /** The mailbox took all it can without a proof of work this hour: say so, keep every field. */
  busy?: boolean;
  /** An anonymous text that could tell who wrote it: the question, and the box to send it as it is. */
  anonymousCheck?: SelfIdentifying[];
  /** Opened from a disclosure's page ("对这项公开有疑问"): its title and address, said above the form. */
  about?: { title: string; path: string };
  /** The form carried over by the 关怀版 switch: what to tell the resident (all kept, nothing sent; photos or a code to give again). */
  kept?: string[];
  /** The question's "send it as it is" box, ticked before the switch. */
  asIs?: boolean;
  /** "It concerns the town's committee" ticked before the switch. */
  committee?: boolean;
}

/** The mailbox form, which the 关怀版 switch carries over to `/mailbox/elder-mode` (worker/routes/pages.tsx). */
export const MAILBOX_KEEPS = { form: 'mailbox-form', action: '/mailbox/elder-mode' } as const;

export function MailboxPage({ draft, errors, notice, busy = false, anonymousCheck = [], about, kept = [], asIs = false, committee = false }: MailboxPageProps) {
  const locale = useLocale();
  const t = translator(locale);
  const { limits } = town;
  const formErrors = errors.filter((e) => e.field === 'submissionId');
  const fieldErrors = errors.filter((e) => e.field !== 'submissionId');
  return (
    <Layout path="/mailbox" title={t('mailbox.title')} scripts={[...PROOF_SCRIPTS, '/scripts/anonymous-check.js', PHOTO_SCRIPT, '/scripts/mailbox.js', '/scripts/frame.js']} elderKeeps={MAILBOX_KEEPS}>
      <h1>{t('mailbox.title')}</h1>
      <p class="lead">{t('mailbox.lead')}</p>
      {kept.length > 0 && (
        <div class="notice notice-ok" role="status" id="elder-kept">
          {kept.map((line) => (
            <p>{line}</p>
          ))}
        </div>
      )}
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
      {about && (
        <p class="notice notice-ok" id="mailbox-about">
          {t('disclosure.question.about')}
          <a href={localePath(locale, about.path)}>{about.title}</a>
        </p>
      )}
      <ErrorSummary errors={fieldErrors} />
      <form
        method="post"
        action={localePath(locale, '/mailbox')}
        class="mailbox-form"
        id="mailbox-form"
        enctype="multipart/form-data"
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
          'anonymous.question': t('anonymous.check.question'),
          'anonymous.found': t('anonymous.check.found'),
          'anonymous.item': t('anonymous.check.item', { field: '{field}', kind: '{kind}', text: '{text}' }),
          'anonymous.kind.phone': t('anonymous.check.kind.phone'),
          'anonymous.kind.name': t('anonymous.check.kind.name'),
          'anonymous.kind.id_card': t('anonymous.check.kind.id_card'),
          'anonymous.kind.contact': t('anonymous.check.kind.contact'),
          'anonymous.field.subject': t('field.subject'),
          'anonymous.field.description': t('field.description'),
          'anonymous.edit': t('anonymous.check.edit'),
          'anonymous.send': t('anonymous.check.send'),
        })}
      >
        <input type="hidden" name="submissionId" value={draft.submissionId} />
        {anonymousCheck.length > 0 && <AnonymousCheck found={anonymousCheck} asIs={asIs} />}
        {draft.disclosure && <input type="hidden" name="disclosure" value={draft.disclosure} />}

        <fieldset class="field" id="field-concernsCommittee">
          <legend>{t('county.field.legend')}</legend>
          <p class="hint" id="hint-concernsCommittee">
            {t('county.field.hint')}
          </p>
          <label class="choice">
            <input type="checkbox" name="concernsCommittee" value="yes" checked={committee} aria-describedby="hint-concernsCommittee" aria-controls="county-inline" />
            <span>{t('county.field.label')}</span>
          </label>
          <div class="notice notice-warning" id="county-inline" role="status" hidden>
            <CountyChannels />
          </div>
        </fieldset>

        <SubmissionFields draft={draft} errors={errors} linkable />

        <PhotoField errors={errors} />

        <div class="offline notice notice-error" id="offline" role="alert" hidden></div>
        <button type="submit" class="button primary">
          {t('mailbox.submit')}
        </button>
      </form>
    </Layout>
  );
}

/**
 * The question to an anonymous resident whose text could tell who wrote it (the form sent without
 * JavaScript, or a finding the browser missed): what was found where, and the box that sends it
 * as it is. Nothing is changed for them.
 */
function AnonymousCheck({ found, asIs }: { found: SelfIdentifying[]; asIs: boolean }) {
  const t = translator(useLocale());
  return (
    <div class="notice notice-warning" role="alert" id="anonymous-check">
      <p>
        <strong>{t('anonymous.check.question')}</strong>
      </p>
      <p>{t('anonymous.check.found')}</p>
      <ul>
        {found.map((f) => (
          <li>{t('anonymous.check.item', { field: t(f.field === 'subject' ? 'field.subject' : 'field.description'), kind: t(`anonymous.check.kind.${f.kind}`), text: f.text })}</li>
        ))}
      </ul>
      <p class="hint" id="hint-anonymousAsIs">
        {t('anonymous.check.hint')}
      </p>
      <input type="hidden" name={ANONYMOUS_ASKED_FIELD} value="yes" />
      <label class="choice">
        <input type="checkbox" name={ANONYMOUS_AS_IS_FIELD} value="yes" checked={asIs} aria-describedby="hint-anonymousAsIs" />
        <span>{t('anonymous.check.asIs')}</span>
      </label>
    </div>
  );
}

/**
 * The county discipline commission's published channels (content/town.json `contacts.county`), for
 * a report about the town's own committee, which the town's mailbox does not take.
 */
export function CountyChannels() {
  const locale = useLocale();
  const t = translator(locale);
  const county = town.contacts.county;
  const sample = town.sample ? ` ${t('village.station.phone.sample')}` : '';
  return (
    <div class="county-channels" id="county-channels">
      <p>{t('county.why')}</p>
      <p>{t('county.channels', { name: county.name[locale] })}</p>
      <ul>
        <li>{t('county.reportLine', { phone: county.reportLine })}</li>
        <li>
          {t('county.website')}
          <a href={county.website} rel="noopener noreferrer">
            {county.website}
          </a>
        </li>
        <li>{t('county.office', { address: county.address[locale], hours: county.hours[locale], phone: `${county.phone}${sample}` })}</li>
      </ul>
    </div>
  );
}

/** The answer to a report about the town's own committee: nothing stored, and where to send it instead. */
export function CountyPage() {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <Layout path="/mailbox" title={t('county.title')}>
      <h1>{t('county.title')}</h1>
      <p class="notice notice-ok" id="county-nothing-kept">
        {t('county.nothingKept')}
      </p>
      <CountyChannels />
      <p>
        <a href={localePath(locale, '/mailbox')}>{t('county.back')}</a>
      </p>
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
    <Field control="select" name="village" label={t(intake ? 'staff.new.village' : 'field.village')} errors={errors} required autocomplete="off">
      <VillageOptions selected={draft.village} empty={t('field.village.choose')} only={intake?.villageIds} />
    </Field>

    <ChoiceField
      name="category"
      legend={t('field.category')}
      errors={errors}
      required
      checked={(id) => draft.category === id || categories.length === 1}
      choices={categories.map((c) => ({
        value: c.id,
        label: (
          <>
            <strong>{c.name[locale]}</strong>
            <small>{c.hint[locale]}</small>
            {c.route === 'discipline' && <small class="sealed-who">{t(c.retaliation ? 'sealed.who.retaliation' : 'sealed.who')}</small>}
          </>
        ),
      }))}
    />

    {categories.some((c) => c.route === 'village') && (
      <ChoiceField
        name="concernsOfficers"
        type="checkbox"
        legend={t('kept.field.legend')}
        hint={t('kept.field.hint')}
        errors={errors}
        box={{ 'data-for-categories': villageCategories }}
        checked={(v) => draft.concernsOfficers === v}
        choices={[{ value: 'yes', label: t('kept.field.label') }]}
      />
    )}

    {linkable && retaliation && (
      // Never filled in again: a query code appears in no response but its receipt.
      <Field
        name="earlierCode"
        label={t('link.field.label')}
        hint={t('link.field.hint')}
        errors={errors}
        box={{ 'data-for-categories': retaliation.id, 'data-needs-category': true }}
        type="text"
        value=""
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        maxlength={40}
        class="code-input"
      />
    )}

    <Field
      name="subject"
      label={t('field.subject')}
      hint={t('field.subject.hint', { min: limits.subjectMin, max: limits.subjectMax })}
      errors={errors}
      type="text"
      value={draft.subject ?? ''}
      required
      autocomplete="off"
      minlength={limits.subjectMin}
      maxlength={limits.subjectMax}
    />

    <Field
      control="textarea"
      name="description"
      label={t('field.description')}
      hint={t(intake ? 'staff.new.description.hint' : 'field.description.hint', { min: limits.descriptionMin, max: limits.descriptionMax })}
      errors={errors}
      value={draft.description ?? ''}
      after={<p class="counter" id="counter-description" aria-live="polite" hidden></p>}
      rows={8}
      required
      autocomplete="off"
      minlength={limits.descriptionMin}
      maxlength={limits.descriptionMax}
    />

    <ChoiceField
      name="identity"
      legend={t(intake ? 'staff.new.identity' : 'field.identity')}
      hint={t(intake ? 'staff.new.identity.note' : 'field.identity.note')}
      errors={errors}
      required
      checked={(v) => draft.identity === v}
      choices={[
        { value: 'anonymous', label: t('field.identity.anonymous') },
        { value: 'named', label: t('field.identity.named') },
      ]}
    >
      <div class="named-fields" id="named-fields">
        <Field name="name" label={t('field.name')} errors={errors} type="text" autocomplete="off" value={named ? (draft.name ?? '') : ''} maxlength={limits.nameMax} />
        <Field
          name="phone"
          label={t('field.phone')}
          hint={t('field.phone.hint')}
          errors={errors}
          type="tel"
          inputmode="tel"
          autocomplete="off"
          value={named ? (draft.phone ?? '') : ''}
          maxlength={20}
        />
      </div>
    </ChoiceField>
    </>
  );
}
