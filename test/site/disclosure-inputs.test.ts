// The disclosure inputs the worker reads are the same whether the site's build published them or
// `npm start` read them from content/ before the build: the demo's assessment scores disclosures.
// They are the villages' cadences only: what is published is D1's, never the seed's YAML files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentAssets } from '../../worker/tools/disclosure-inputs.ts';

describe('the disclosure inputs', () => {
  it('read from content/ equal what the build published at /data/disclosure-inputs.json, cadences without anything published', async () => {
    const built = JSON.parse(readFileSync('dist/data/disclosure-inputs.json', 'utf8'));
    const res = await contentAssets().fetch('https://assets.invalid/data/disclosure-inputs.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(built);
    expect(built.villages.length).toBe(5);
    const qinglian = built.villages.find((v: { village: string }) => v.village === 'qinglian');
    expect(qinglian.kinds.find((k: { kind: string }) => k.kind === 'finances')).toMatchObject({ cadence: 'monthly', published: [] });
    for (const village of built.villages) for (const kind of village.kinds) expect(kind.published, `${village.village} ${kind.kind}`).toEqual([]);
  });
});
