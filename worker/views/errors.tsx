/** Whole-page answers for requests that reach no page, or that the worker cannot serve. */
import { useLocale } from '../http/locale.ts';
import type { UiKey } from '../../content/translate.ts';
import { Layout, localePath, translator } from './layout.tsx';

/** A page with one message and a way home. */
export function MessagePage({ path, title, message }: { path: string; title: UiKey; message: UiKey }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <Layout path={path} title={t(title)}>
      <h1>{t(title)}</h1>
      <p id="message">{t(message)}</p>
      <p>
        <a href={localePath(locale, '/')}>{t('notFound.home')}</a>
      </p>
    </Layout>
  );
}
