/** The page frame of every page the worker renders: the portal's one frame (core/frame.tsx), which Astro renders too. */
import type { Child } from 'hono/jsx';
import { localePath, type Locale } from '../../content/index.ts';
import { translate, type UiKey } from '../../content/ui.ts';
import { Frame, LanguageSwitch } from '../../core/frame.tsx';

export { LanguageSwitch, localePath };

export interface LayoutProps {
  locale: Locale;
  /** The page's path without the language prefix, e.g. /mailbox. */
  path: string;
  title: string;
  scripts?: string[];
  /** The navigation in the header; the resident's by default. */
  nav?: Child;
  /** Keep the page out of search engines (the staff console). */
  noindex?: boolean;
  /** Stylesheets after the portal's own. */
  styles?: string[];
  /** One sentence about the page for search engines and link previews; the portal's own by default. */
  description?: string;
  children: Child;
}

/** Binds `translate` to one locale. */
export function translator(locale: Locale) {
  return (key: UiKey, params?: Record<string, string | number>) => translate(locale, key, params);
}

/** The page frame; `path` is the page's path without the language prefix. */
export function Layout({ children, ...frame }: LayoutProps) {
  return <Frame {...frame}>{children}</Frame>;
}
