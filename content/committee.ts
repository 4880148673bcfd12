/**
 * The discipline committee's rule, validated at build time (content/generate.ts): its time
 * limits in working days and the four ways of disposal (and 移送审查调查), with their articles.
 */
import type { CommitteeRule } from './settings-schemas.ts';
import * as settings from './generated/settings.ts';

export type { CommitteeRule } from './settings-schemas.ts';
export type DisposalWay = CommitteeRule['ways'][number]['id'];
/** The ways in the rule's order (the schema's list, kept here so the worker bundles no zod). */
export const DISPOSAL_WAYS = ['talk', 'verify', 'shelve', 'conclude', 'transfer'] as const satisfies readonly DisposalWay[];

export const committeeRule: CommitteeRule = settings.committeeRule;

/** A way of disposal as the rule names it, in the reader's language. */
export function wayName(id: DisposalWay, locale: 'zh-CN' | 'en'): string {
  return committeeRule.ways.find((w) => w.id === id)!.name[locale];
}
