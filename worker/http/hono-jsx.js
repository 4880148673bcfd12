/**
 * Stands in for `hono/jsx` in the worker's upload (wrangler.toml `alias`): the worker takes only
 * these from it. `hono/jsx`'s index also brings the client-side renderer and its hooks
 * (`hono/jsx/dom`, about 12 KiB minified) that a server never runs. The same functions, from the
 * files the index re-exports them from. The tests and the site use `hono/jsx` whole.
 * (A .js file: hono keeps its types apart from these files; `hono/jsx` gives the types.)
 */
export { createContext, useContext } from '../../node_modules/hono/dist/jsx/context.js';
export { Fragment, jsx } from '../../node_modules/hono/dist/jsx/base.js';
