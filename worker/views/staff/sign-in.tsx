/** The staff sign-in page. */
import { useLocale } from '../../http/locale.ts';
import { Field } from '../fields.tsx';
import { localePath, translator } from '../layout.tsx';
import { StaffFrame } from './frame.tsx';
import { PROOF_SCRIPTS, proofAttrs } from '../proof.tsx';
import { newClientId } from '../../cases/crypto.ts';

export function SignInPage({ notice, error }: { notice?: string; error?: string }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <StaffFrame path="/staff/sign-in" title={t('staff.signIn.title')} session={null} scripts={PROOF_SCRIPTS}>
      <h1>{t('staff.signIn.title')}</h1>
      <p class="lead">{t('staff.signIn.lead')}</p>
      {notice && (
        <p class="notice notice-ok" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="notice notice-error" role="alert" id="sign-in-error">
          {error}
        </p>
      )}
      <form method="post" action={localePath(locale, '/staff/sign-in')} class="narrow-form" {...proofAttrs(locale, 'signin', 'clientId')}>
        <input type="hidden" name="clientId" value={newClientId()} />
        <Field name="username" label={t('staff.signIn.username')} type="text" autocomplete="username" autocapitalize="none" spellcheck={false} required />
        <Field name="password" label={t('staff.signIn.password')} type="password" autocomplete="current-password" required />
        <button type="submit" class="button primary">
          {t('staff.signIn.submit')}
        </button>
      </form>
    </StaffFrame>
  );
}
