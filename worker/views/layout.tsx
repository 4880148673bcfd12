/** The page frame of every page the worker renders: the portal's one frame (core/frame.tsx), which Astro renders too. */
import type { Child } from 'hono/jsx';
import { localePath } from '../../content/index.ts';
import { ArticleTools as FrameArticleTools, Frame, LanguageSwitch, type ElderKeeps } from '../../core/frame.tsx';
import { translator, useLocale } from '../http/locale.ts';

export { LanguageSwitch, localePath, translator };

export interface LayoutProps {
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
  /** Where the plain 关怀版 switch comes back to, when not to `path` (core/frame.tsx). */
  back?: string;
  /** The form the 关怀版 switch carries over (core/frame.tsx). */
  elderKeeps?: ElderKeeps;
  children: Child;
}

/** The page frame; `path` is the page's path without the language prefix. */
export function Layout({ children, ...frame }: LayoutProps) {
  return (
    <Frame locale={useLocale()} {...frame}>
      {children}
    </Frame>
  );
}

/** 字号 大 中 小 and 打印本页 before an article's `.prose` (core/frame.tsx), in the request's language. */
export function ArticleTools() {
  return <FrameArticleTools locale={useLocale()} />;
}
