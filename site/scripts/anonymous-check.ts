/**
 * The mailbox's check of an anonymous resident's own text, in the browser: the same code the
 * worker runs for a form sent without JavaScript (worker/cases/anonymous-check.ts, over the
 * personal-data check of worker/cases/pii.ts), bundled by the build to
 * public/scripts/anonymous-check.js. It finds; the mailbox script (public/scripts/mailbox.js)
 * asks the resident, who decides. Nothing leaves the page for it.
 */
import { selfIdentifying } from '../../worker/cases/anonymous-check.ts';
import { useTraditionalCharacters } from '../../worker/cases/normalise.ts';

// OpenCC's table of traditional characters (about 60 KB) is not sent to the page: a name written
// in traditional characters is found by the worker's check when the form arrives.
useTraditionalCharacters('');

(window as unknown as { QinglianAnonymousCheck: unknown }).QinglianAnonymousCheck = {
  find: (subject: string, description: string) => selfIdentifying({ subject, description }),
};
