/**
 * The discipline committee's key in the worker tests: set up once per test file (storage is per
 * file), with its private key held here, as a member's browser would hold it after sign-in.
 */
import { storedMinute } from '../../core/clock.ts';
import { env } from 'cloudflare:workers';
import { importDataKey, newKeyPair, newRecoveryKey, openSealed, openText, sealForRecovery, sealText } from '../../core/sealed.ts';

let committee: { id: number; privateKey: Uint8Array<ArrayBuffer>; recoveryKey: string } | undefined;

/** Sets up the committee key (once) and returns it with its private half. */
export async function committeeKey() {
  if (committee) return committee;
  const pair = await newKeyPair();
  const recoveryKey = newRecoveryKey();
  const id = await env.DB.prepare(`INSERT INTO committee_keys (public_key, recovery_wrap, created_at) VALUES (?1, ?2, ?3) RETURNING id`)
    .bind(pair.publicKey, await sealForRecovery(recoveryKey, pair.privateKey), storedMinute(new Date()))
    .first<number>('id');
  committee = { id: id!, privateKey: pair.privateKey, recoveryKey };
  return committee;
}

/** The data key of a case, opened as a member's browser opens it (null for a case stored plain). */
export async function caseDataKey(caseNumber: string): Promise<CryptoKey | null> {
  const row = await env.DB.prepare(`SELECT k.committee_wrap FROM case_keys k JOIN cases c ON c.id = k.case_id WHERE c.case_number = ?1`)
    .bind(caseNumber)
    .first<string>('committee_wrap');
  const raw = row ? await openSealed((await committeeKey()).privateKey, row) : null;
  return raw ? importDataKey(raw) : null;
}

/** Seals a text for a case as the member's browser does before sending a move. */
export async function sealForCase(caseNumber: string, text: string): Promise<string> {
  const key = await caseDataKey(caseNumber);
  if (!key) throw new Error(`${caseNumber} is not sealed`);
  return sealText(key, text);
}

/** Opens a sealed text of a case, as the member's browser does. */
export async function openForCase(caseNumber: string, envelope: string): Promise<string | null> {
  const key = await caseDataKey(caseNumber);
  return key ? openText(key, envelope) : null;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A console page as a committee member's browser shows it: every sealed text opened with the
 * data keys on the page (committee.js does this with the member's copy of the committee key).
 */
export async function asCommitteeSees(html: string): Promise<string> {
  const { privateKey } = await committeeKey();
  const keys: CryptoKey[] = [];
  for (const [, wrap] of html.matchAll(/data-case-key="([^"]+)"/g)) {
    const raw = await openSealed(privateKey, wrap!);
    if (raw) keys.push(await importDataKey(raw));
  }
  let out = html;
  for (const [whole, envelope] of html.matchAll(/<bdi class="sealed" data-sealed="([^"]+)">[^<]*<\/bdi>/g)) {
    let text: string | null = null;
    for (const key of keys) text ??= await openText(key, envelope!);
    if (text !== null) out = out.replace(whole, escapeHtml(text));
  }
  return out;
}
