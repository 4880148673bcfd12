/**
 * The reference for `npm run bench:bundle`: an empty Hono worker, bundled and minified by the same
 * wrangler with the same settings. What Qinglian's upload weighs beyond this is its own.
 */
import { Hono } from 'hono/tiny';

const app = new Hono();
app.get('/', (c) => c.text('ok'));

export default app;
