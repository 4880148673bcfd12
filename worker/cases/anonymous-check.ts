/**
 * An anonymous resident's own text that could tell the village who wrote it (a phone number, an
 * online id, "我叫王秀英"): asked about before it is sent, in the browser (site/scripts/anonymous-check.ts)
 * and by the mailbox for a form sent without JavaScript. The resident decides: nothing is changed
 * for them, and `ANONYMOUS_AS_IS_FIELD` says they send it as it is.
 */
import { findSelfIdentifying, type PiiKind } from './pii.ts';

/** The form's field (a checkbox, or the script's hidden input): "yes", send it as it is. */
export const ANONYMOUS_AS_IS_FIELD = 'anonymousAsIs';

/** The form's hidden field while the question is on the page ("yes"): the 关怀版 switch asks it again in the other mode. */
export const ANONYMOUS_ASKED_FIELD = 'anonymousAsked';

/** What a finding is called to the resident. */
export type SelfIdentifyingKind = 'phone' | 'name' | 'id_card' | 'contact';

export interface SelfIdentifying {
  field: 'subject' | 'description';
  kind: SelfIdentifyingKind;
  /** As the resident typed it. */
  text: string;
}

const KIND: Partial<Record<PiiKind, SelfIdentifyingKind>> = { phone: 'phone', possible_name: 'name', id_card: 'id_card', email: 'contact', qq: 'contact', wechat: 'contact' };

/** Every finding in the subject and the description, in that order. */
export function selfIdentifying(texts: { subject: string; description: string }): SelfIdentifying[] {
  return (['subject', 'description'] as const).flatMap((field) =>
    findSelfIdentifying(texts[field]).map((f) => ({ field, kind: KIND[f.kind] ?? 'contact', text: f.text })),
  );
}
