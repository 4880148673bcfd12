/** The query-code key the worker tests run with (vitest.config.ts binds it as QUERY_CODE_KEY). */
export const TEST_QUERY_CODE_KEY = 'test-only-query-code-key-0123456789abcdef';
/** The API key of a test Open311 client program (vitest.config.ts binds OPEN311_API_KEYS with it). */
export const TEST_OPEN311_KEY = 'test-program-key-0123456789';
