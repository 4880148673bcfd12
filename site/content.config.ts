/**
 * The town's published words as Astro collections. The schemas live in content/schemas.ts,
 * shared with the imports into D1; a file that does not fit fails the build with the
 * file and the field named.
 */
import { readFileSync } from 'node:fs';
import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { parse } from 'yaml';
import { pageSchema, regulationSchema, translationSchema, villageSchema } from '../content/schemas.ts';

/**
 * Reads each file's data again with YAML's core schema, so dates reach the schema as written.
 * (The default YAML schema turns 2026-02-30 into 2 March without a word; a clerk's typo must
 * fail instead.)
 */
function datesAsWritten(loader: Loader): Loader {
  return {
    name: `${loader.name}-dates-as-written`,
    load: (context) =>
      loader.load({
        ...context,
        parseData: (props) =>
          context.parseData({ ...props, data: props.filePath ? (reread(props.filePath) as typeof props.data) : props.data }),
      }),
  };
}

function reread(filePath: string): Record<string, unknown> {
  const text = readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '');
  const source = /\.mdx?$/.test(filePath) ? (/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '') : text;
  const data: unknown = parse(source, { schema: 'core' });
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

const regulations = defineCollection({
  loader: datesAsWritten(glob({ base: './content/regulations', pattern: '*.mdx' })),
  schema: regulationSchema,
});

const regulationTranslations = defineCollection({
  loader: datesAsWritten(glob({ base: './content/regulations/en', pattern: '*.mdx' })),
  schema: translationSchema,
});

const villages = defineCollection({
  loader: datesAsWritten(glob({ base: './content/villages', pattern: '*.yaml' })),
  schema: villageSchema,
});

const pages = defineCollection({
  loader: glob({ base: './content/pages', pattern: ['*.mdx', 'en/*.mdx'] }),
  schema: pageSchema,
});

export const collections = { regulations, regulationTranslations, villages, pages };
