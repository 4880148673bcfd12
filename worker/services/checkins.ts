/**
 * A check-in's answer, kept apart from the 打击报复 case a "yes" opens. Every answer (yes, no,
 * rather not say) writes the same rows of the same sizes: its sealed entry in the earlier case's log
 * (padded as if it were the longest template, dated by its town day) and a pending row that holds a
 * whole 打击报复 case, made and sealed at the time of the answer, sealed again under the worker's
 * secret with a flag saying whether to open it. The hourly cron opens the "yes" ones of the town
 * days gone by in one batch, in a shuffled order, dated by the town day it runs on like any report
 * sent from the web mailbox that day, and
 * deletes every pending row. An export therefore cannot pair an answer with the case it opened by
 * length, time or order; the resident is shown the new code at once.
 */
import { LOCALES, retaliationCategory, type Locale } from '../../content/index.ts';
import { translate } from '../../content/translate.ts';
import { workflowSettings } from '../../content/workflow.ts';
import { CHECKIN_ANSWERS } from '../cases/checkins.ts';
import { caseNumberPrefix, endOfWorkingDaysAfter, startOfTownDay, townDate, townYear } from '../../core/clock.ts';
import { seal, sha256Hex, unseal } from '../cases/crypto.ts';
import { randomBytes } from '../../core/bytes.ts';
import { startOfTownDate } from '../../core/stats/periods.ts';
import { generateQueryCode, hashQueryCode, normalizeQueryCode } from '../cases/query-code.ts';
import { byteLength, paddedSize } from '../../core/sealed.ts';
import { submissionContentHash, type Submission } from '../cases/submission.ts';
import * as db from '../db/cases.ts';
import { keysForNewCase, residentKeyFor, sealer } from './sealed.ts';

/** The salt the pending rows are sealed with under the worker's secret. */
const PENDING_SALT = 'qinglian/checkin-pending/v1';

/** A case as the pending row keeps it: everything `insertCase` needs but the callback. */
type PendingCase = Omit<db.NewCase, 'extra'>;

interface Payload {
  /** 1 for a "yes" (open the case), 0 for the others: the one thing that differs, and only inside the seal. */
  open: 0 | 1;
  c: PendingCase;
  /**
   * When the cron may open (or, for the other answers, forget) it: minutes after the start of the
   * answer's town day, drawn at random over the working hours of the next three town days, so the
   * case a "yes" opens arrives among that day's reports at a random hour and day, not as the first
   * case of the day after its answer. Rows from before this have none: due at once.
   */
  after?: number;
}

const MINUTES_A_DAY = 24 * 60;

/** A random moment, in minutes after the start of the answer's town day: 08:00–20:00 town time, one to three days on. */
function randomDelay(): number {
  const r = randomBytes(4);
  const days = 1 + (r[0]! % 3);
  const minute = ((r[1]! << 8) | r[2]!) % (12 * 60);
  return days * MINUTES_A_DAY + 8 * 60 + minute;
}

/** The longest UTF-8 length any of `texts` has, in any locale, for any check-in (the padding floor). */
function longest(texts: (locale: Locale, days: number) => string[]): number {
  let max = 0;
  for (const locale of LOCALES) for (const days of workflowSettings.checkInDays) for (const text of texts(locale, days)) max = Math.max(max, byteLength(text));
  return max;
}

/** The check-in entry's texts, for the answer given: what the resident reads, and what the committee reads. */
function answerTexts(locale: Locale, answer: string, days: number, opens: boolean): { publicMessage: string; internalNote: string } {
  return {
    publicMessage: translate(locale, `checkin.event.${answer as 'yes'}`, { days }) + (opens ? translate(locale, 'checkin.event.opened') : ''),
    internalNote: translate(locale, `checkin.note.${answer as 'yes'}`, { days }),
  };
}

/**
 * The padding floor of a check-in entry with these added words: the longest template any answer
 * has, in any locale, plus the words. Every answer is then padded to the same bucket.
 */
export function answerFloor(words: string): number {
  return longest((locale, days) => CHECKIN_ANSWERS.flatMap((a) => Object.values(answerTexts(locale, a, days, a === 'yes')))) + byteLength(words);
}

/** The 打击报复 case's description: what the check-in said, and the resident's words. */
function caseDescription(locale: Locale, number: string, days: number, text: string): string {
  return translate(locale, 'checkin.case.description', { number, days }) + (text ? `\n\n${text}` : '');
}

/** Its padding floor: the longest description template (whatever the days), plus the words. */
function descriptionFloor(number: string, text: string): number {
  return longest((locale, days) => [caseDescription(locale, number, days, '')]) + byteLength(text ? `\n\n${text}` : '');
}

/** The submission id of the case a check-in form would open (a retried form finds it by this). */
export async function checkInSubmissionId(caseId: number, checkinId: string): Promise<string> {
  return (await sha256Hex(`checkin-case:${caseId}:${checkinId}`)).slice(0, 43);
}

export interface AnswerRows {
  publicMessage: string;
  internalNote: string;
  pending: db.PendingCheckIn;
  /** The new case's code, to show once: for a "yes" only. */
  queryCode: string | null;
}

/**
 * Everything an answer stores, built the same way whatever the answer: the sealed entry for the
 * earlier case, and a pending 打击报复 case (with its own query code and keys) that only a "yes"
 * will open. Null when there is no committee key to seal the case to.
 */
export async function answerRows(
  secret: string,
  database: D1Database,
  a: { earlier: db.CaseRecord; dataKey: CryptoKey; answer: string; days: number; text: string; checkinId: string; locale: Locale; now: Date },
): Promise<AnswerRows | null> {
  const opens = a.answer === 'yes' && retaliationCategory !== undefined;
  const words = a.text ? `\n${a.text}` : '';
  const floor = answerFloor(words);
  const texts = answerTexts(a.locale, a.answer, a.days, opens);
  const sealEntry = (text: string) => sealer(a.dataKey, floor)(text + words);

  // The case a "yes" opens, made now for every answer: a "no" makes one too, never opened.
  const number = a.earlier.case_number;
  const submission: Submission = {
    submissionId: await checkInSubmissionId(a.earlier.id, a.checkinId),
    villageId: a.earlier.village_id,
    categoryId: retaliationCategory?.id ?? '',
    subject: translate(a.locale, 'checkin.case.subject', { number }),
    description: caseDescription(a.locale, number, a.days, a.text),
    anonymous: true,
    contactName: null,
    contactPhone: null,
  };
  const queryCode = generateQueryCode();
  const prepared = await keysForNewCase(database, await residentKeyFor(secret, queryCode), true);
  if (!prepared.ok) return null;
  const sealCase = sealer(prepared.value.dataKey);
  const linkParams = { number, days: a.days };
  // Dated again by the cron that opens it; these only keep every pending row the same size.
  const day = startOfTownDay(a.now);
  const year = townYear(a.now);
  const { submissionId, ...content } = submission;
  const c: PendingCase = {
    idHash: await sha256Hex(`submission:${submissionId}`),
    contentHash: await submissionContentHash(submission),
    sealedCode: null,
    codeHash: await hashQueryCode(secret, queryCode),
    caseNumberPrefix: caseNumberPrefix(year),
    year,
    ...content,
    subject: (await sealCase(content.subject))!,
    description: (await sealer(prepared.value.dataKey, descriptionFloor(number, a.text))(content.description))!,
    keys: prepared.value.keys,
    claim: false,
    channel: 'web',
    locale: a.locale,
    status: 'escalated',
    createdAt: day.toISOString(),
    acceptDueAt: endOfWorkingDaysAfter(day, workflowSettings.acceptWithinWorkingDays).toISOString(),
    discipline: true,
    acceptedAt: day.toISOString(),
    createdBy: null,
    keptFromVillage: false,
    systemEvents: [
      { kind: 'escalate', publicMessage: (await sealCase(translate(a.locale, 'workflow.escalated.message')))!, internalNote: null },
      {
        kind: 'link',
        publicMessage: (await sealCase(translate(a.locale, 'link.event.checkin', linkParams)))!,
        internalNote: await sealCase(translate(a.locale, 'link.note.checkin', linkParams)),
      },
    ],
  };
  const payload: Payload = { open: opens ? 1 : 0, c, after: randomDelay() };
  const json = JSON.stringify(payload);
  // Padded with spaces (JSON ignores them) to its bucket: the same size for every answer.
  const padded = json + ' '.repeat(paddedSize(byteLength(json)) - byteLength(json));
  return {
    publicMessage: (await sealEntry(texts.publicMessage))!,
    internalNote: (await sealEntry(texts.internalNote))!,
    pending: { codeHash: c.codeHash, idHash: c.idHash, day: townDate(a.now), payload: await seal(secret, PENDING_SALT, padded) },
    queryCode: opens ? queryCode : null,
  };
}

async function openPayload(secret: string, sealed: string): Promise<Payload | null> {
  const json = await unseal(secret, PENDING_SALT, sealed);
  if (json === null) return null;
  try {
    return JSON.parse(json) as Payload;
  } catch {
    return null;
  }
}

/**
 * What a retried form answered before: whether it opened a case, and that case's number once the
 * cron opened it (before that, none). Null when nothing of it is stored.
 */
export async function storedAnswer(database: D1Database, secret: string, submissionId: string): Promise<{ opened: boolean; caseNumber: string | null } | null> {
  const idHash = await sha256Hex(`submission:${submissionId}`);
  const pending = await db.findPendingCheckIn(database, idHash);
  if (pending) {
    const payload = await openPayload(secret, pending.payload);
    return payload ? { opened: payload.open === 1, caseNumber: null } : null;
  }
  const opened = await db.findSubmission(database, idHash);
  return opened ? { opened: true, caseNumber: opened.case_number } : { opened: false, caseNumber: null };
}

/** Whether a query code as typed is a 打击报复 case a check-in opened that the cron has not registered yet. */
export async function isRegistering(database: D1Database, secret: string, typedCode: string): Promise<boolean> {
  const code = normalizeQueryCode(typedCode);
  return code !== null && (await db.pendingCodeExists(database, await hashQueryCode(secret, code)));
}

/** A uniformly shuffled copy (Fisher–Yates with the platform's random numbers). */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const r = randomBytes(4);
    const j = (((r[0]! << 24) | (r[1]! << 16) | (r[2]! << 8) | r[3]!) >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Run by the cron: the pending rows of the town days before today's whose moment has come (see
 * `Payload.after`). The "yes" ones become their 打击报复 cases, dated today, in a shuffled order;
 * every row whose moment has come is deleted in the same batch. A case that cannot be stored keeps
 * its row for the next run, unless its submission is stored already (it was opened before).
 * Returns how many cases were opened.
 */
export async function openPendingCheckIns(database: D1Database, secret: string, now = new Date()): Promise<number> {
  const rows = await db.listPendingCheckIns(database, townDate(now));
  if (rows.length === 0) return 0;
  // Dated by the town day of this run, like a report sent from the web mailbox that day: nothing
  // dates them to their answers.
  const day = startOfTownDay(now);
  const year = townYear(now);
  const dated = {
    createdAt: day.toISOString(),
    acceptedAt: day.toISOString(),
    acceptDueAt: endOfWorkingDaysAfter(day, workflowSettings.acceptWithinWorkingDays).toISOString(),
    year,
    caseNumberPrefix: caseNumberPrefix(year),
  };
  const cases: PendingCase[] = [];
  // The other answers whose moment has come, and rows nothing can open any more (sealed under another secret).
  const forgotten: string[] = [];
  for (const row of rows) {
    const payload = await openPayload(secret, row.payload);
    if (!payload) {
      forgotten.push(row.code_hash);
      continue;
    }
    const due = startOfTownDate(row.day).getTime() + (payload.after ?? 0) * 60_000;
    if (due > now.getTime()) continue;
    if (payload.open === 1) cases.push({ ...payload.c, ...dated });
    else forgotten.push(row.code_hash);
  }
  if (cases.length === 0 && forgotten.length === 0) return 0;
  const order = shuffled(cases);
  try {
    await database.batch([...order.flatMap((c) => db.caseStatements(database, c)), ...db.deletePendingStatements(database, [...order.map((c) => c.codeHash), ...forgotten])]);
    return order.length;
  } catch {
    // One case that cannot be stored must not hold back the others, nor be lost with its row.
    let opened = 0;
    for (const c of order) {
      const stored = await database.batch([...db.caseStatements(database, c), ...db.deletePendingStatements(database, [c.codeHash])]).then(
        () => true,
        () => false,
      );
      if (stored) opened++;
      else if (await db.findSubmission(database, c.idHash)) await database.batch(db.deletePendingStatements(database, [c.codeHash]));
    }
    if (forgotten.length > 0) await database.batch(db.deletePendingStatements(database, forgotten));
    return opened;
  }
}
