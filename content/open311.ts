/**
 * Open311 settings (content/open311.json), validated like the rest: the jurisdiction id clients
 * may send, how long an identical request without a submission id counts as a repeat, and each
 * village's point and optional boundary (WGS84 latitude, longitude), so a request sent with
 * lat/long is placed in its village. The sample's coordinates are made up and marked so.
 */
import { z } from 'zod';
import open311Json from './open311.json' with { type: 'json' };
import { town } from './index.ts';
import { parseContent } from './validate.ts';

const latLong = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]);

const open311Schema = z
  .object({
    sample: z.boolean(),
    note: z.string().min(1),
    jurisdictionId: z.string().regex(/^[a-z0-9.-]+$/, 'a jurisdiction id such as changling.example.cn (the site address without www)'),
    duplicateWindowMinutes: z.number().int().min(0).max(24 * 60),
    nearestWithinKm: z.number().min(0).max(50),
    villages: z.record(z.string(), z.object({ point: latLong, boundary: z.array(latLong).min(3).optional() })),
  })
  .superRefine((o, ctx) => {
    for (const v of town.villages) if (!o.villages[v.id]) ctx.addIssue({ code: 'custom', path: ['villages', v.id], message: 'every village needs a point' });
    for (const id of Object.keys(o.villages)) if (!town.villages.some((v) => v.id === id)) ctx.addIssue({ code: 'custom', path: ['villages', id], message: 'no such village in content/town.json' });
  });

export type Open311Settings = z.infer<typeof open311Schema>;

/** Validates Open311 settings, naming the file and field on failure. */
export const parseOpen311 = (raw: unknown) => parseContent(open311Schema, raw, 'content/open311.json');

export const open311Settings: Open311Settings = parseOpen311(open311Json);
