/**
 * Creates a staff account — the way the first admin and the first discipline committee member
 * come to exist — or resets an account's password. Locally by default, or in the deployed
 * database with --remote:
 *
 *   npm run staff:add -- --username admin --name "镇管理员" --role admin [--village qinglian] [--remote]
 *   npm run staff:add -- --username jiwei1 --name "纪委书记" --role discipline [--remote]
 *   npm run staff:add -- --username jiwei1 --reset [--remote]
 *
 * The first discipline account sets up the committee key and prints its recovery key, once. A
 * later one gets its own key only: a member then gives it the committee key in the console. A
 * reset discipline account gets a new own key too (its old one opened with the old password).
 * The password is read from the STAFF_PASSWORD environment variable or asked for (not echoed).
 *
 * Password verifiers and members' keys are peppered with a key derived from the worker's secret
 * QUERY_CODE_KEY, so the tool needs it: locally it reads `.dev.vars`; with --remote it takes the
 * QUERY_CODE_KEY environment variable or asks for it (not echoed): the value the operator set
 * with `wrangler secret put` and keeps in the committee's safe (Cloudflare never shows it again).
 */
import { existsSync, readFileSync } from 'node:fs';
import { storedMinute } from '../../core/clock.ts';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { validateAccount } from '../cases/accounts.ts';
import { minPasswordLength, passwordProblem } from '../cases/accounts.ts';
import { hashPassword, PASSWORD_MIN_LENGTH } from '../cases/password.ts';
import { pepperKey } from '../cases/pepper.ts';
import { ownKeySql, setupSql } from './committee.ts';
import { executeSql, insertStaffSql, queryRows, sql } from './d1.ts';
import { translate } from '../../content/ui.ts';
import { usePasswordDictionaries } from '../cases/password-strength.ts';

// The worker reads these lists from its static assets; here they come straight from the package.
usePasswordDictionaries(await import('@zxcvbn-ts/language-common'));

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    village: { type: 'string', default: '' },
    reset: { type: 'boolean', default: false },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
});

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) write.call(rl, s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

const target = values.remote ? ['--remote'] : ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])];
const where = values.remote ? 'in the deployed database' : 'locally';
/** The worker's QUERY_CODE_KEY: the environment, .dev.vars locally, or asked for (remote). */
async function workerSecret(): Promise<string> {
  const local = !values.remote && existsSync('.dev.vars') ? /^QUERY_CODE_KEY\s*=\s*"?([^"\n]+)"?/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1] : undefined;
  const secret = process.env.QUERY_CODE_KEY ?? local ?? (await askHidden('The worker’s QUERY_CODE_KEY (as set with `wrangler secret put`): '));
  if (secret.length < 32) {
    console.error('QUERY_CODE_KEY must be the worker’s secret (at least 32 characters): set it in .dev.vars locally, or give it with --remote.');
    process.exit(2);
  }
  return secret;
}

const secret = await workerSecret();
const pepper = await pepperKey(secret);
const password = process.env.STAFF_PASSWORD ?? (await askHidden('Password (at least 12 characters, 16 for the committee; hard to guess): '));
const now = storedMinute(new Date());

if (values.reset) {
  const username = (values.username ?? '').toLowerCase();
  const [user] = queryRows<{ role: string; display_name: string }>(`SELECT role, display_name FROM staff_users WHERE username = ${sql(username)}`, target);
  if (!user) {
    console.error(`No account ${username} ${where}.`);
    process.exit(2);
  }
  // The operator's reset (an account locked out of its keys, or a demo account put back) takes any
  // password of the minimum length; one that the account's own rule refuses (too guessable, or
  // under 16 characters for a committee member) must be changed at the next sign-in.
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    console.error(`The password needs at least ${PASSWORD_MIN_LENGTH} characters.`);
    process.exit(2);
  }
  const mustChange = passwordProblem(password, username, user.display_name, user.role) !== null;
  const statements = [
    `UPDATE staff_users SET password_hash = ${sql(await hashPassword(password, pepper))}, must_change_password = ${mustChange ? 1 : 0} WHERE username = ${sql(username)};`,
  ];
  statements.push(`DELETE FROM staff_sessions WHERE user_id = (SELECT id FROM staff_users WHERE username = ${sql(username)});`);
  if (user.role === 'discipline') statements.push(await ownKeySql(username, password, secret, now));
  executeSql(statements.join('\n'), target);
  console.log(`The password of ${username} is reset ${where}.${mustChange ? ` It is not one the account may choose (${minPasswordLength(user.role)} characters, hard to guess): they must change it at their next sign-in.` : ''}`);
  if (user.role === 'discipline') {
    console.log('Their old copy of the committee key no longer opens: another member gives them the key again on the console’s “Committee key” page, or they restore it there with the recovery key.');
  }
  process.exit(0);
}

const valid = validateAccount({ username: values.username ?? '', displayName: values.name ?? '', role: values.role ?? '', village: values.village, password });
if (!valid.ok) {
  for (const e of valid.refusal.fields ?? []) console.error(`${e.field}: ${translate('zh-CN', e.key, e.params)} / ${translate('en', e.key, e.params)}`);
  console.error('Usage: npm run staff:add -- --username NAME --name "DISPLAY NAME" --role admin|handler|liaison|discipline [--village ID] [--remote]');
  console.error('       npm run staff:add -- --username NAME --reset [--remote]');
  process.exit(2);
}
const { password: _secret, ...account } = valid.value;
const statements = [insertStaffSql({ ...account, passwordHash: await hashPassword(password, pepper) }, now)];
let recoveryKey: string | null = null;
if (account.role === 'discipline') {
  const [existing] = queryRows<{ n: number }>(`SELECT count(*) AS n FROM committee_keys WHERE retired_at IS NULL`, target);
  if (existing && existing.n > 0) {
    statements.push(await ownKeySql(account.username, password, secret, now));
  } else {
    const setup = await setupSql(account.username, password, secret, now);
    statements.push(setup.sql);
    recoveryKey = setup.recoveryKey;
  }
}
executeSql(statements.join('\n'), target);
console.log(`Account ${account.username} (${account.role}) is ready ${where}, unless that username already existed.`);
if (recoveryKey) {
  console.log(`
The discipline committee's key is set up. Its RECOVERY KEY, shown this once and stored nowhere:

    ${recoveryKey}

Print it or write it down now, seal it in an envelope and keep it in the committee's safe. It is
the only way back in if every member loses their password.`);
} else if (account.role === 'discipline') {
  console.log('This member has their own key; another member gives them the committee key on the console’s “Committee key” page.');
}
