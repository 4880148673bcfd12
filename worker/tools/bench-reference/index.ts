/**
 * The reference for `npm run bench:submit`: a bare worker on the same wrangler and workerd that
 * stores each POSTed body with one D1 insert and answers 201. What a submission costs beyond this
 * is Qinglian's own work (validation, hashing, the query code, its one batch).
 */
interface Env {
  DB: D1Database;
}

let ready: Promise<unknown> | null = null;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== 'POST') return new Response('POST a body', { status: 405 });
    ready ??= env.DB.prepare(`CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL)`).run();
    await ready;
    const body = await request.text();
    await env.DB.prepare(`INSERT INTO rows (body, created_at) VALUES (?1, ?2)`).bind(body, new Date().toISOString()).run();
    return Response.json({ stored: true }, { status: 201 });
  },
} satisfies ExportedHandler<Env>;
