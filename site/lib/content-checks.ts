/**
 * Checks that span files, which a per-file schema cannot make: a regulation amends one that
 * exists and is marked amended, every village has a profile, a file is named after what it holds.
 * Pure: the build feeds it the collections and fails with every problem listed, file and field
 * named. (The seed's disclosures are content:import's: worker/tools/disclosures-import.ts.)
 */
import { town } from '../../content/index.ts';
import type { ContentProblem, Regulation, VillageProfile } from '../../content/schemas.ts';

export interface Entry<T> {
  id: string;
  /** The file, relative to the project root: content/regulations/x.mdx. */
  filePath: string;
  data: T;
}

/** Problems with regulations and their translations; `exists` tells whether a public file exists. */
export function checkRegulations(
  regulations: Entry<Regulation>[],
  translationIds: { id: string; filePath: string }[],
  exists: (publicPath: string) => boolean,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byId = new Map(regulations.map((r) => [r.id, r]));
  for (const { id, filePath: file, data } of regulations) {
    for (const [field, expected] of [['amends', 'amended'], ['replaces', 'repealed']] as const) {
      const target = data[field];
      if (!target) continue;
      const other = byId.get(target);
      if (!other) problems.push({ file, field, message: `no regulation content/regulations/${target}.mdx` });
      else if (other.data.status !== expected) {
        problems.push({ file: other.filePath, field: 'status', message: `is "${other.data.status}", but ${id} ${field} it: write "${expected}"` });
      }
      if (target === id) problems.push({ file, field, message: 'a regulation cannot refer to itself' });
    }
    if (data.attachment && !exists(data.attachment.file)) {
      problems.push({ file, field: 'attachment.file', message: `site/public/${data.attachment.file} does not exist` });
    }
  }
  for (const t of translationIds) {
    if (!byId.has(t.id)) problems.push({ file: t.filePath, field: '', message: `translates content/regulations/${t.id}.mdx, which does not exist` });
  }
  return problems;
}

/** Problems with village profiles: one per village of content/town.json, named after it. */
export function checkVillages(profiles: Entry<VillageProfile>[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const { id, filePath: file, data } of profiles) {
    if (id !== data.village) problems.push({ file, field: 'village', message: `the file is named ${id}.yaml but describes "${data.village}"` });
  }
  for (const village of town.villages) {
    if (!profiles.some((p) => p.data.village === village.id)) {
      problems.push({ file: `content/villages/${village.id}.yaml`, field: '', message: `missing: every village of content/town.json needs a profile` });
    }
  }
  return problems;
}

/** Problems with the portal's own pages: each Chinese page has its English one and vice versa. */
export function checkPages(ids: string[]): ContentProblem[] {
  const set = new Set(ids);
  return ids.flatMap((id) => {
    const counterpart = id.startsWith('en/') ? id.slice(3) : `en/${id}`;
    return set.has(counterpart) ? [] : [{ file: `content/pages/${counterpart}.mdx`, field: '', message: `missing: ${id}.mdx has no counterpart` }];
  });
}
