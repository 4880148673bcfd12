// Applies the D1 migrations to the test database before each test file (storage is per file).
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Every test file starts with the committee key set up, as a deployment is once its first member exists.
const { committeeKey } = await import('./committee-support.ts');
await committeeKey();
