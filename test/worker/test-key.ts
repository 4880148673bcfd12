/** The query-code key the worker tests run with (vitest.config.ts binds it as QUERY_CODE_KEY). */
export const TEST_QUERY_CODE_KEY = 'test-only-query-code-key-0123456789abcdef';
