// Registers the UI strings before each test file the way the worker does on its first request:
// read from its static assets (dist/data/ui-strings.json). A test that calls a service directly,
// without a request through the app's middleware, then finds them loaded as a running worker would.
import { env } from 'cloudflare:workers';
import { loadUiStrings } from '../../worker/services/ui-strings.ts';

if (!(await loadUiStrings(env.ASSETS))) throw new Error('dist/data/ui-strings.json could not be read: run node worker/tools/worker-assets.ts');
