/**
 * What the scaffolding commands share: flags, questions for whatever the flags leave out, and
 * the way a file is refused (every problem, file and field named) or written.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { formatProblems, type ContentProblem } from '../../content/schemas.ts';

export interface Question {
  flag: string;
  /** Asked in Chinese and English, e.g. 文号 (document number), 例如 长岭发〔2026〕3号. */
  prompt: string;
  /** Used when the answer is left empty; without one the question must be answered. */
  fallback?: string;
  /** Whether an empty answer is fine (an optional field). */
  optional?: boolean;
}

/** --name value and --name=value pairs; a flag with no value is "true". */
export function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags[arg.slice(2)] = argv[++i]!;
    else flags[arg.slice(2)] = 'true';
  }
  return flags;
}

/**
 * The answers: each from its flag, else asked on the terminal. Without a terminal (a script, a
 * test) a missing required flag ends the command with the list of what is missing.
 */
export async function gather(questions: Question[], flags: Record<string, string>, usage: string): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  const open = questions.filter((q) => flags[q.flag] === undefined);
  for (const q of questions) if (flags[q.flag] !== undefined) answers[q.flag] = flags[q.flag]!.trim();
  if (open.length === 0) return answers;
  if (!process.stdin.isTTY) {
    const missing = open.filter((q) => !q.optional && q.fallback === undefined);
    for (const q of open) if (q.fallback !== undefined) answers[q.flag] = q.fallback;
    if (missing.length > 0) fail(`Missing: ${missing.map((q) => `--${q.flag} (${q.prompt})`).join(', ')}\n\n${usage}`);
    return answers;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    for (const q of open) {
      const hint = q.fallback ? ` [${q.fallback}]` : q.optional ? ' (可留空 optional)' : '';
      let answer = '';
      do {
        answer = (await rl.question(`${q.prompt}${hint}: `)).trim() || q.fallback || '';
      } while (!answer && !q.optional);
      if (answer) answers[q.flag] = answer;
    }
  } finally {
    rl.close();
  }
  return answers;
}

/**
 * The start of a command: --help prints the usage and ends it; otherwise the answers and the
 * content folder (--content, by default ./content).
 */
export async function start(questions: Question[], usage: string): Promise<{ answers: Record<string, string>; content: string }> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.help) {
    console.log(usage);
    process.exit(0);
  }
  return { answers: await gather(questions, flags, usage), content: flags.content ?? 'content' };
}

/** Ends the command with a message on stderr. */
export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Ends the command when there are problems, listing each with its file and field. */
export function refuseIf(problems: ContentProblem[], file: string): void {
  if (problems.length > 0) fail(formatProblems(`Not written: ${file} would not pass the build.`, problems));
}

/** Writes a new file; never overwrites one. */
export function writeNew(path: string, text: string): void {
  if (existsSync(path)) fail(`Not written: ${path} already exists.`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
