/**
 * The committee's keys from the operator's machine: set-up with the first discipline account (a
 * new committee key, sealed for that member and under a recovery key printed once), and a member's
 * own key for a later account or a password reset. Runs on Node's WebCrypto (and hash-wasm's
 * Argon2id); it needs the worker's secret, of which the pepper is derived. The private keys never
 * leave this process unsealed.
 */
import { memberPasswordKey } from '../../core/member-kdf.ts';
import { memberSecret, pepperKey } from '../cases/pepper.ts';
import { memberKeyFrom, newKeyPair, newRecoveryKey, sealForMember, sealForRecovery, sealTo } from '../../core/sealed.ts';
import { sql } from './d1.ts';

/** A member's key as their browser derives it: Argon2id of the password, with the member secret from the worker's pepper. */
export async function memberKey(username: string, password: string, secret: string): Promise<Uint8Array<ArrayBuffer>> {
  return memberKeyFrom(await memberPasswordKey(username, password), await memberSecret(await pepperKey(secret), username));
}

/** SQL that stores a member's own key (sealed under their password), replacing any they had, without a copy of the committee key. */
export async function ownKeySql(username: string, password: string, secret: string, at: string): Promise<string> {
  const own = await newKeyPair();
  const wrap = await sealForMember(await memberKey(username, password, secret), own.privateKey);
  return `INSERT INTO member_keys (staff_id, public_key, private_wrap, updated_at)
    SELECT id, ${sql(own.publicKey)}, ${sql(wrap)}, ${sql(at)} FROM staff_users WHERE username = ${sql(username)} AND role = 'discipline'
    ON CONFLICT (staff_id) DO UPDATE SET public_key = excluded.public_key, private_wrap = excluded.private_wrap,
      committee_key_id = NULL, committee_wrap = NULL, updated_at = excluded.updated_at;`;
}

/**
 * SQL that sets up the committee key, if none exists, with this (existing) member holding a copy;
 * and the recovery key to print. `recoveryKey` is fixed only for the demo.
 */
export async function setupSql(username: string, password: string, secret: string, at: string, recoveryKey = newRecoveryKey()): Promise<{ sql: string; recoveryKey: string }> {
  const committee = await newKeyPair();
  const own = await newKeyPair();
  const recoveryWrap = await sealForRecovery(recoveryKey, committee.privateKey);
  const privateWrap = await sealForMember(await memberKey(username, password, secret), own.privateKey);
  const committeeWrap = await sealTo(own.publicKey, committee.privateKey);
  return {
    recoveryKey,
    sql: `INSERT INTO committee_keys (public_key, recovery_wrap, created_at) SELECT ${sql(committee.publicKey)}, ${sql(recoveryWrap)}, ${sql(at)}
        WHERE NOT EXISTS (SELECT 1 FROM committee_keys WHERE retired_at IS NULL);
      INSERT INTO member_keys (staff_id, public_key, private_wrap, committee_key_id, committee_wrap, updated_at)
        SELECT u.id, ${sql(own.publicKey)}, ${sql(privateWrap)}, k.id, ${sql(committeeWrap)}, ${sql(at)}
        FROM staff_users u JOIN committee_keys k ON k.public_key = ${sql(committee.publicKey)}
        WHERE u.username = ${sql(username)} AND u.role = 'discipline'
        ON CONFLICT (staff_id) DO NOTHING;`,
  };
}
