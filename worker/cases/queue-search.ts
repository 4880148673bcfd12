/** What the staff queue can be narrowed to (its page's GET parameters). Pure. */

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
