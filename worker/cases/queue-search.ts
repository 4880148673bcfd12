/**
 * What the staff queue can be narrowed to (its page's GET parameters). Pure. The filter form is
 * POSTed and answered with a redirect to the GET of what it asked, so that what is typed in its
 * search box reaches a URL only once it is known not to be a query code.
 */

/** The clock states the queue can be narrowed to. */
export const QUEUE_CLOCKS = ['overdue', 'due_soon', 'in_time'] as const;
export type QueueClockState = (typeof QUEUE_CLOCKS)[number];

/** The longest search text kept (words of a subject, or part of a case number). */
export const QUEUE_SEARCH_MAX = 40;

/** The queue's filter as the page's GET parameters hold it, each kept only when it is one the viewer can use ('' when not). */
export interface QueueSearch {
  village: string;
  category: string;
  clock: string;
  q: string;
}

/** The filter as the start of a query string ('' or `village=…&…&`): the pagers' links and the form's redirect. */
export function queueQuery(search: QueueSearch): string {
  return (['village', 'category', 'clock', 'q'] as const)
    .filter((key) => search[key] !== '')
    .map((key) => `${key}=${encodeURIComponent(search[key])}&`)
    .join('');
}
