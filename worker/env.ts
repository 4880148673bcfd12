/** The bindings the worker runs with (wrangler.toml, .dev.vars or `wrangler secret put`). */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** Key of the HMAC that replaces query codes in the database. Never logged, never sent. */
  QUERY_CODE_KEY: string;
}

export type AppEnv = { Bindings: Env };
