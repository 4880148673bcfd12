/**
 * zxcvbn-ts's common lists (common passwords, diceware words, keyboard layouts), which the worker
 * reads through its ASSETS binding when an account is created or a password changed, rather than
 * carry them in every isolate (worker/services/password-dictionaries.ts). They are the npm
 * package's public word lists: nothing of the town's is in them, so they are served like any file.
 */
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export function GET() {
  return new Response(JSON.stringify({ dictionary, adjacencyGraphs }), { headers: { 'Content-Type': 'application/json' } });
}
