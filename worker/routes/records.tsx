/** The liaison station performance record form (履职纪实表), under /staff/records. */
import { Hono } from 'hono';
import type { StaffEnv } from './staff-env.ts';

export const records = new Hono<StaffEnv>();
