/** The bindings the worker runs with (wrangler.toml, .dev.vars or `wrangler secret put`). */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** Key of the HMAC that replaces query codes in the database. Never logged, never sent. */
  QUERY_CODE_KEY: string;
  /**
   * Optional, for local measurement only (npm run bench:load): a fixed proof-of-work difficulty in
   * bits instead of the adaptive one. Never set in a deployment.
   */
  PROOF_OF_WORK_BITS?: string;
  /** Optional secret: API keys of Open311 client programs, `name:key` pairs separated by commas. */
  OPEN311_API_KEYS?: string;
}

export type AppEnv = { Bindings: Env };
