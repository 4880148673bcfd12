/**
 * Creates a staff account — the way the first admin comes to exist. Locally by default, or in the
 * deployed database with --remote:
 *
 *   npm run staff:add -- --username admin --name "镇管理员" --role admin [--village qinglian] [--remote]
 *
 * The password is read from the STAFF_PASSWORD environment variable or asked for (not echoed).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { validateAccount } from '../cases/accounts.ts';
import { hashPassword } from '../cases/password.ts';
import { executeSql, insertStaffSql } from './d1.ts';
import { translate } from '../../content/ui.ts';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    village: { type: 'string', default: '' },
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

const password = process.env.STAFF_PASSWORD ?? (await askHidden('Password (at least 12 characters, hard to guess): '));
const valid = validateAccount({ username: values.username ?? '', displayName: values.name ?? '', role: values.role ?? '', village: values.village, password });
if (!valid.ok) {
  for (const e of valid.errors) console.error(`${e.field}: ${translate('zh-CN', e.key, e.params)} / ${translate('en', e.key, e.params)}`);
  console.error('Usage: npm run staff:add -- --username NAME --name "DISPLAY NAME" --role admin|handler|liaison|discipline [--village ID] [--remote]');
  process.exit(2);
}
const { password: _secret, ...account } = valid.value;
const target = values.remote ? ['--remote'] : ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])];
executeSql(insertStaffSql({ ...account, passwordHash: await hashPassword(password) }, new Date().toISOString()), target);
console.log(`Account ${account.username} (${account.role}) is ready ${values.remote ? 'in the deployed database' : 'locally'}, unless that username already existed.`);
