/**
 * The discipline committee's side of sealed reports, in the member's browser (bundled to
 * site/public/scripts/committee.js by `npm run build`; the envelopes are core/sealed.ts).
 *
 * - At sign-in it derives the member's password key (Argon2id, core/member-kdf.ts) and keeps it
 *   in this tab's sessionStorage until the first console page, which seals it under this sign-in's
 *   wrapping key (keys.json `sessionKey`, derived by the worker from the HttpOnly session cookie and
 *   the pepper, stored nowhere) and keeps only that envelope (`qlw1`), in localStorage: every tab
 *   of this browser, a reload and a restored session open it while the sign-in lasts, and nothing
 *   opens it after. Signing out, the sign-in page, or a console page that finds the session gone
 *   forgets it, and every other open tab then reloads (the `storage` event), dropping what it had
 *   opened. The password itself is never kept. The password key alone opens nothing: console pages
 *   mix in the member secret the worker gives the signed-in member (keys.json), derived from a
 *   pepper that is not in the database. See docs/security.md, "The committee key across tabs".
 * - A member's own key still sealed the old way (`qlp1`, PBKDF2 of the password alone) is opened
 *   once with the PBKDF2 key also derived at sign-in, and re-sealed as `qlp2`.
 * - On console pages it opens the member's own key, the committee key, and each case's data key,
 *   and puts the plain texts in place of the sealed ones. Nothing decrypted goes back to the server.
 * - Before a move on a sealed case is sent, it seals the message and the note with the case's key.
 * - It makes the keys of a new or reset member, gives the committee key to a member, restores one's
 *   own copy with the recovery key, and re-seals one's own key when the password changes.
 */
import { memberPasswordKey } from '../../core/member-kdf.ts';
import { fromBase64Url, toBase64Url } from '../../core/bytes.ts';
import {
  importDataKey,
  legacyMemberIterations,
  legacyMemberKeyBytes,
  memberKdfOf,
  memberKeyFrom,
  newKeyPair,
  newRecoveryKey,
  openForMember,
  openForRecovery,
  openLegacyForMember,
  openSealed,
  openForSession,
  openText,
  openPhotoWithSize,
  publicKeyOf,
  sealForSession,
  sealForMember,
  sealForRecovery,
  sealText,
  sealTo,
} from '../../core/sealed.ts';

/** The password key, plain, in the signing-in tab's sessionStorage from sign-in to its first console page. */
const STORE = 'qinglian:member-key';
/** The password key sealed under this sign-in's wrapping key (`qlw1`), in localStorage: every tab of the browser. */
const WRAPPED = 'qinglian:member-key-session';
/** The PBKDF2 key of a `qlp1` wrap, kept from sign-in until the wrap is re-sealed (or found to be `qlp2`). */
const LEGACY_STORE = 'qinglian:member-key-v1';
/** The iteration count every `qlp1` wrap was made with. */
const LEGACY_ITERATIONS = 310_000;
type Bytes = Uint8Array<ArrayBuffer>;

interface Keys {
  username: string;
  memberSecret: string;
  /** This sign-in's wrapping key: only a request carrying the live session's cookie gets it. */
  sessionKey: string;
  committee: { id: number; publicKey: string; recoveryWrap: string } | null;
  member: { publicKey: string; privateWrap: string; committeeKeyId: number | null; committeeWrap: string | null } | null;
}

type Problem = 'signInAgain' | 'noKey' | 'wrongKey' | 'tampered';
type Unlocked = { keys: Keys; committeeKey: Bytes; committeeKeyId: number } | { keys: Keys | null; problem: Problem };

const staffBase = () => (location.pathname.startsWith('/en/') ? '/en/staff' : '/staff');

function storedKey(name: string): Bytes | null {
  try {
    const stored = sessionStorage.getItem(name);
    return stored ? fromBase64Url(stored) : null;
  } catch {
    return null;
  }
}

function storeKey(name: string, key: Bytes | null): void {
  try {
    if (key) sessionStorage.setItem(name, toBase64Url(key));
    else sessionStorage.removeItem(name);
  } catch {
    /* storage disabled: the member signs in again per page */
  }
}

function storeWrapped(envelope: string | null): void {
  try {
    if (envelope) localStorage.setItem(WRAPPED, envelope);
    else localStorage.removeItem(WRAPPED);
  } catch {
    /* storage disabled: each tab signs in again */
  }
}

function storedWrapped(): string | null {
  try {
    return localStorage.getItem(WRAPPED);
  } catch {
    return null;
  }
}

/**
 * A new password key (at sign-in, or a password change): plain in this tab until the next console
 * page seals it for the session. Null forgets it in every form and every tab.
 */
function storeMemberKey(key: Bytes | null): void {
  storeKey(STORE, key);
  if (!key) {
    storeKey(LEGACY_STORE, null);
    storeWrapped(null);
  }
}

/**
 * The password key for this page: the one this tab derived at sign-in (sealed now for the session,
 * and its plain copy dropped), or the session's envelope opened with the sign-in's wrapping key.
 * An envelope of another sign-in opens nothing and is dropped.
 */
async function passwordKeyFor(keys: Keys): Promise<Bytes | null> {
  const fresh = storedKey(STORE);
  if (fresh) {
    storeWrapped(await sealForSession(keys.sessionKey, fresh));
    storeKey(STORE, null);
    return fresh;
  }
  const envelope = storedWrapped();
  if (!envelope) return null;
  const opened = await openForSession(keys.sessionKey, envelope);
  if (!opened) storeWrapped(null);
  return opened;
}

/** The member secret of another account (one this member creates or resets). */
async function memberSecretOf(username: string): Promise<string> {
  const response = await fetch(`${staffBase()}/committee/member-secret.json?username=${encodeURIComponent(username)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error('no member secret');
  return ((await response.json()) as { memberSecret: string }).memberSecret;
}

async function fetchKeys(): Promise<Keys | null> {
  const response = await fetch(`${staffBase()}/committee/keys.json`, { credentials: 'same-origin', headers: { accept: 'application/json' } }).catch(() => null);
  if (!response) return null;
  // Sent to the sign-in page: the session has ended, and what was kept for it is forgotten everywhere.
  if (response.redirected || !(response.headers.get('content-type') ?? '').includes('json')) {
    if (response.redirected) storeMemberKey(null);
    return null;
  }
  return response.ok ? ((await response.json()) as Keys) : null;
}

/** A member without a key of their own (re-activated, say) makes one now; another member then gives them the committee key. */
async function makeOwnKey(memberKey: Bytes): Promise<void> {
  const csrf = document.querySelector<HTMLInputElement>('input[name=csrf]')?.value;
  if (!csrf) return;
  const pair = await newKeyPair();
  const body = { csrf, memberPublic: pair.publicKey, memberPrivate: await sealForMember(memberKey, pair.privateKey) };
  await fetch(`${staffBase()}/committee/own-key`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** A `qlp1` wrap opened with the PBKDF2 key kept from sign-in, and re-sealed as `qlp2` under the member key; the opened key, or null. */
async function resealLegacy(memberKey: Bytes, member: NonNullable<Keys['member']>): Promise<Bytes | null> {
  const legacy = storedKey(LEGACY_STORE);
  const own = legacy ? await openLegacyForMember(legacy, member.privateWrap) : null;
  const csrf = document.querySelector<HTMLInputElement>('input[name=csrf]')?.value;
  if (!own || !csrf) return own;
  const body = { csrf, memberPublic: member.publicKey, memberPrivate: await sealForMember(memberKey, own) };
  const answer = await fetch(`${staffBase()}/committee/own-key/rewrap`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (answer.ok) {
    storeKey(LEGACY_STORE, null);
    member.privateWrap = body.memberPrivate;
  }
  return own;
}

async function unlock(): Promise<Unlocked> {
  const keys = await fetchKeys();
  const passwordKey = keys ? await passwordKeyFor(keys) : null;
  if (!keys || !passwordKey) return { keys, problem: 'signInAgain' };
  const memberKey = await memberKeyFrom(passwordKey, keys.memberSecret);
  if (!keys.member) {
    await makeOwnKey(memberKey);
    return { keys, problem: 'noKey' };
  }
  const legacy = legacyMemberIterations(keys.member.privateWrap) !== null;
  if (!legacy) storeKey(LEGACY_STORE, null);
  const own = legacy ? await resealLegacy(memberKey, keys.member) : await openForMember(memberKey, keys.member.privateWrap);
  if (!own) return { keys, problem: 'wrongKey' };
  if (!keys.committee || !keys.member.committeeWrap || keys.member.committeeKeyId !== keys.committee.id) return { keys, problem: 'noKey' };
  const committeeKey = await openSealed(own, keys.member.committeeWrap);
  if (!committeeKey) return { keys, problem: 'wrongKey' };
  // Someone who can write to the database could put their own public key in place of the
  // committee's, so that new reports are sealed to them: the member's browser checks it.
  if ((await publicKeyOf(committeeKey)) !== keys.committee.publicKey) return { keys, problem: 'tampered' };
  return { keys, committeeKey, committeeKeyId: keys.committee.id };
}

function status(key: 'opening' | 'open' | 'failed' | Problem, kind: 'ok' | 'warning' | 'error'): void {
  const el = document.getElementById('sealed-status');
  if (!el) return;
  const attribute = key.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
  el.textContent = el.getAttribute(`data-${attribute}`) ?? '';
  el.className = `notice notice-${kind}`;
  el.hidden = false;
}

function hidden(form: HTMLFormElement, name: string, value: string): void {
  let input = form.querySelector<HTMLInputElement>(`input[type=hidden][name="${name}"]`);
  if (!input) {
    input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    form.append(input);
  }
  input.value = value;
}

/** Runs `prepare` before the form is sent (once); a failure sends the form as it is, and the server says what is missing. */
function beforeSubmit(form: HTMLFormElement, prepare: () => Promise<void>): void {
  let busy = false;
  // This script sends the form; a proof of work the form needs is waited for here (proof.js).
  form.dataset.proofExternal = '1';
  form.addEventListener('submit', (event) => {
    if (form.dataset.prepared === '1') return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    const proofReady = (window as unknown as { qinglianProofReady?: (f: HTMLFormElement) => Promise<void> }).qinglianProofReady;
    Promise.all([prepare().catch(() => undefined), form.dataset.proof && proofReady ? proofReady(form).catch(() => undefined) : undefined]).finally(() => {
      form.dataset.prepared = '1';
      form.submit();
    });
  });
}

/** The data keys of the page's sealed cases and entries, each opened once. */
async function openScopes(unlocked: Unlocked & { committeeKey: Bytes }): Promise<Map<Element, CryptoKey>> {
  const keys = new Map<Element, CryptoKey>();
  for (const scope of document.querySelectorAll<HTMLElement>('[data-case-key]')) {
    const raw = await openSealed(unlocked.committeeKey, scope.dataset.caseKey ?? '');
    if (raw) keys.set(scope, await importDataKey(raw));
  }
  return keys;
}

async function showSealed(keys: Map<Element, CryptoKey>): Promise<boolean> {
  let allOpen = true;
  for (const el of document.querySelectorAll<HTMLElement>('[data-sealed]')) {
    const scope = el.closest('[data-case-key]');
    const key = scope ? keys.get(scope) : undefined;
    const text = key ? await openText(key, el.dataset.sealed ?? '') : null;
    if (text === null) {
      allOpen = false;
      continue;
    }
    el.textContent = text;
    el.removeAttribute('data-sealed');
    el.classList.remove('sealed');
    el.classList.add('unsealed');
  }
  return allOpen;
}

/**
 * A sealed case's photos: each envelope fetched from the console (which checks access like the
 * case page), opened with the case's key here, and shown from a blob: address. The opened bytes
 * never leave this page.
 */
async function showSealedPhotos(keys: Map<Element, CryptoKey>): Promise<boolean> {
  let allOpen = true;
  for (const figure of document.querySelectorAll<HTMLElement>('[data-sealed-photo]')) {
    const scope = figure.closest('[data-case-key]');
    const key = scope ? keys.get(scope) : undefined;
    const response = key ? await fetch(figure.dataset.sealedPhoto ?? '', { credentials: 'same-origin', cache: 'no-store' }).catch(() => null) : null;
    const opened = key && response?.ok ? await openPhotoWithSize(key, new Uint8Array(await response.arrayBuffer())) : null;
    if (!opened) {
      allOpen = false;
      continue;
    }
    const img = document.createElement('img');
    img.src = URL.createObjectURL(new Blob([opened.bytes], { type: figure.dataset.photoType ?? 'image/jpeg' }));
    // Its dimensions came out of the envelope (the database does not hold them): at most 320 px wide.
    if (opened.width && opened.height) {
      img.width = Math.min(opened.width, 320);
      img.height = Math.max(1, Math.round((img.width / opened.width) * opened.height));
    }
    img.alt = figure.querySelector('figcaption')?.textContent ?? '';
    img.className = 'unsealed-photo';
    figure.prepend(img);
    figure.removeAttribute('data-sealed-photo');
  }
  return allOpen;
}

function sealMoves(keys: Map<Element, CryptoKey>): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-seal]')) {
    const scope = form.closest('[data-case-key]');
    const key = scope ? keys.get(scope) : undefined;
    if (!key) continue;
    beforeSubmit(form, async () => {
      for (const name of (form.dataset.seal ?? '').split(' ')) {
        const field = form.querySelector<HTMLTextAreaElement>(`textarea[name="${name}"]`);
        if (!field) continue;
        const text = field.value.replace(/\r\n?/g, '\n').trim();
        field.removeAttribute('name'); // the plain text is not sent
        if (text) hidden(form, name, await sealText(key, text));
      }
    });
  }
}

/**
 * The worker cannot see a sealed case's contact, so the member's browser checks, before an
 * outcome is published, that its texts do not contain the resident's name or phone.
 */
function checkContactInOutcome(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-contact-check]')) {
    form.addEventListener('submit', (event) => {
      const contact = [...document.querySelectorAll<HTMLElement>('[data-contact]')]
        .filter((el) => !el.querySelector('[data-sealed]'))
        .map((el) => (el.textContent ?? '').trim())
        .filter((text) => text.length >= 2);
      const texts = [...form.querySelectorAll<HTMLTextAreaElement>('textarea')].map((field) => field.value);
      if (!contact.some((c) => texts.some((text) => text.includes(c)))) return;
      event.preventDefault();
      let alert = form.querySelector<HTMLElement>('.contact-check');
      if (!alert) {
        alert = document.createElement('p');
        alert.className = 'notice notice-error contact-check';
        alert.setAttribute('role', 'alert');
        form.prepend(alert);
      }
      alert.textContent = form.dataset.contactCheck ?? '';
    });
  }
}

/** A new member's keys, made here: their own key pair under their (initial) password, and a copy of the committee key. */
async function memberKeys(form: HTMLFormElement, username: string, password: string, committeeKey: Bytes, committeeKeyId: number): Promise<void> {
  const pair = await newKeyPair();
  const [passwordKey, secret] = await Promise.all([memberPasswordKey(username, password), memberSecretOf(username)]);
  hidden(form, 'memberPublic', pair.publicKey);
  hidden(form, 'memberPrivate', await sealForMember(await memberKeyFrom(passwordKey, secret), pair.privateKey));
  hidden(form, 'committeeKeyId', String(committeeKeyId));
  hidden(form, 'committeeWrap', await sealTo(pair.publicKey, committeeKey));
}

/**
 * The committee's forms, ready as soon as the page is: each waits, when sent, for the member's
 * keys being opened (`unlocking`), so a form sent at once is not sent without what it needs. A
 * form whose keys cannot be opened goes as it is, and the server says what is missing.
 */
function committeeForms(unlocking: Promise<Unlocked>): void {
  const opened = async () => {
    const unlocked = await unlocking;
    return 'committeeKey' in unlocked ? unlocked : null;
  };
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-member-form]')) {
    beforeSubmit(form, async () => {
      const open = await opened();
      if (!open) return;
      const username = form.dataset.memberForm || (form.querySelector<HTMLInputElement>('[name=username]')?.value ?? '').trim().toLowerCase();
      const password = form.querySelector<HTMLInputElement>('[name=password]')?.value ?? '';
      await memberKeys(form, username, password, open.committeeKey, open.committeeKeyId);
    });
  }
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-give]')) {
    beforeSubmit(form, async () => {
      const open = await opened();
      if (open) hidden(form, 'committeeWrap', await sealTo(form.dataset.give ?? '', open.committeeKey));
    });
  }
  const rotation = document.querySelector<HTMLFormElement>('#rotate-form');
  if (rotation) {
    rotation.addEventListener('submit', (event) => {
      event.preventDefault();
      void opened().then((open) => (open ? rotateKey(rotation, open.committeeKey) : rotation.submit()));
    });
  }
  const password = document.querySelector<HTMLFormElement>('#password-form[data-rewrap]');
  if (password) {
    beforeSubmit(password, async () => {
      const { keys } = await unlocking;
      const member = keys?.member;
      if (!keys || !member) return;
      const username = password.dataset.rewrap ?? '';
      const current = password.querySelector<HTMLInputElement>('[name=currentPassword]')!.value;
      const next = password.querySelector<HTMLInputElement>('[name=newPassword]')!.value;
      // The own key, opened with the current password: a `qlp1` wrap with PBKDF2, a `qlp2` one with Argon2id and the member secret.
      const iterations = legacyMemberIterations(member.privateWrap);
      const own =
        iterations !== null
          ? await openLegacyForMember(await legacyMemberKeyBytes(username, current, iterations), member.privateWrap)
          : await openForMember(await memberKeyFrom(await memberPasswordKey(username, current, memberKdfOf(member.privateWrap) ?? undefined), keys.memberSecret), member.privateWrap);
      if (!own) return; // the server answers: wrong password, or the key must be restored
      const nextKey = await memberPasswordKey(username, next);
      hidden(password, 'memberPrivate', await sealForMember(await memberKeyFrom(nextKey, keys.memberSecret), own));
      storeMemberKey(nextKey);
    });
  }
}

interface RotationWork {
  keyId: number;
  cases: { id: number; wrap: string }[];
  entries: { id: number; wrap: string }[];
  members: { id: number; publicKey: string }[];
}

/** Makes a new committee key, re-seals every data key and each member's copy to it, and shows the new recovery key once. */
async function rotateKey(form: HTMLFormElement, committeeKey: Bytes): Promise<void> {
  const error = document.getElementById('committee-error')!;
  const response = await fetch(`${staffBase()}/committee/rotation.json`, { credentials: 'same-origin' });
  const work = (await response.json()) as RotationWork | null;
  if (!work) return;
  const reseal = async (items: { id: number; wrap: string }[], next: string) =>
    Promise.all(
      items.map(async (item) => {
        const raw = await openSealed(committeeKey, item.wrap);
        if (!raw) throw new Error(`cannot open ${item.id}`);
        return { id: item.id, wrap: await sealTo(next, raw) };
      }),
    );
  const pair = await newKeyPair();
  const recoveryKey = newRecoveryKey();
  const body = {
    csrf: form.dataset.csrf,
    oldKeyId: work.keyId,
    publicKey: pair.publicKey,
    recoveryWrap: await sealForRecovery(recoveryKey, pair.privateKey),
    cases: await reseal(work.cases, pair.publicKey),
    entries: await reseal(work.entries, pair.publicKey),
    members: await Promise.all(work.members.map(async (m) => ({ id: m.id, wrap: await sealTo(m.publicKey, pair.privateKey) }))),
  };
  const answer = await fetch(form.action, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const result = (await answer.json()) as { ok?: boolean; error?: { message: string } };
  if (!result.ok) {
    error.textContent = result.error?.message ?? '';
    error.hidden = false;
    return;
  }
  form.hidden = true;
  document.getElementById('rotate-recovery')!.textContent = recoveryKey;
  document.getElementById('rotate-done')!.hidden = false;
}

async function restoreWithRecovery(form: HTMLFormElement): Promise<void> {
  const error = document.getElementById('committee-error')!;
  const say = (text: string | null) => {
    error.textContent = text ?? '';
    error.hidden = !text;
  };
  const keys = await fetchKeys();
  const passwordKey = keys ? await passwordKeyFor(keys) : null;
  const memberKey = passwordKey && keys ? await memberKeyFrom(passwordKey, keys.memberSecret) : null;
  const recoveryKey = form.querySelector<HTMLInputElement>('#recovery')!.value;
  const committeeKey = keys?.committee ? await openForRecovery(recoveryKey, form.dataset.recoveryWrap ?? '') : null;
  if (!committeeKey) return say(document.getElementById('committee-done')?.dataset.wrongRecovery ?? null);
  if (!memberKey) return say(document.getElementById('sealed-status')?.dataset.signInAgain ?? null);
  const pair = await newKeyPair();
  hidden(form, 'memberPublic', pair.publicKey);
  hidden(form, 'memberPrivate', await sealForMember(memberKey, pair.privateKey));
  hidden(form, 'committeeWrap', await sealTo(pair.publicKey, committeeKey));
  form.submit();
}

function signInPage(): void {
  const form = document.querySelector<HTMLFormElement>('form[action$="/staff/sign-in"]');
  if (!form) return;
  // On the sign-in page no sign-in of this browser is in use: what was kept for one is forgotten, in every tab.
  storeMemberKey(null);
  beforeSubmit(form, async () => {
    const username = form.querySelector<HTMLInputElement>('[name=username]')!.value;
    const password = form.querySelector<HTMLInputElement>('[name=password]')!.value;
    // Which accounts are members is not known here: every sign-in derives the key, and a console
    // page forgets it at once for anyone else. The PBKDF2 key opens an old `qlp1` wrap once.
    const [passwordKey, legacyKey] = await Promise.all([memberPasswordKey(username, password), legacyMemberKeyBytes(username, password, LEGACY_ITERATIONS)]);
    storeMemberKey(passwordKey);
    storeKey(LEGACY_STORE, legacyKey);
  });
}

/**
 * Another tab signed out (or found the session gone, or showed the sign-in page): this tab drops
 * what it opened by loading again, which leads to the sign-in page once the session has ended. A
 * tab still waiting for a key (opened before its sign-in finished) loads again when one is kept.
 */
function followOtherTabs(waiting: () => boolean): void {
  window.addEventListener('storage', (event) => {
    if (event.storageArea !== localStorage || (event.key !== WRAPPED && event.key !== null)) return;
    if (event.newValue === null) {
      // What this tab decrypted leaves the page at once, before it loads again.
      document.querySelector('main')?.replaceChildren();
      location.reload();
    } else if (waiting()) location.reload();
  });
}

async function consolePage(role: string): Promise<void> {
  let waiting = false;
  followOtherTabs(() => waiting);
  // Signing out: this tab forgets its copies at once; the sign-in page that follows, once the worker
  // has ended the session, forgets the session's envelope, and every other tab then loads again.
  for (const form of document.querySelectorAll<HTMLFormElement>('form[action$="/sign-out"], form[action$="/sign-out-everywhere"]')) {
    form.addEventListener('submit', () => {
      storeKey(STORE, null);
      storeKey(LEGACY_STORE, null);
    });
  }
  // Only committee members need their key; anyone else's is forgotten at once.
  if (role !== 'discipline') return storeMemberKey(null);
  const needed = document.querySelector('[data-case-key], form[data-member-form], form[data-give], #recovery-form, #rotate-form, #password-form');
  if (!needed) {
    // The first console page after sign-in (the queue): the key derived at sign-in is sealed for the session now, so other tabs have it.
    if (storedKey(STORE)) {
      const keys = await fetchKeys();
      if (keys) await passwordKeyFor(keys);
    }
    return;
  }
  if (document.querySelector('[data-sealed]')) status('opening', 'ok');
  // The recovery form needs nothing unlocked: it is ready at once, before the keys are fetched.
  const recovery = document.querySelector<HTMLFormElement>('#recovery-form');
  if (recovery) {
    recovery.addEventListener('submit', (event) => {
      event.preventDefault();
      void restoreWithRecovery(recovery);
    });
  }
  const unlocking = unlock();
  committeeForms(unlocking);
  const unlocked = await unlocking;
  if (!('committeeKey' in unlocked)) {
    waiting = unlocked.problem === 'signInAgain';
    if (unlocked.problem === 'tampered') status('tampered', 'error');
    else if (document.querySelector('[data-sealed], form[data-member-form], form[data-give]')) status(unlocked.problem, 'warning');
    return;
  }
  const keys = await openScopes(unlocked);
  sealMoves(keys);
  checkContactInOutcome();
  if (document.querySelector('[data-sealed]') || keys.size > 0) if ((await showSealed(keys)) && (await showSealedPhotos(keys))) status('open', 'ok');
  else status('failed', 'warning');
}

const role = document.querySelector<HTMLElement>('.signed-in')?.dataset.role;
if (role) void consolePage(role);
else signInPage();
