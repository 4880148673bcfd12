/** The regulation filters: every status × category combination is a static page. */
import { REGULATION_CATEGORIES, REGULATION_STATUSES, type RegulationCategory, type RegulationStatus } from '../../content/schemas.ts';

export type StatusFilter = RegulationStatus | 'all';
export type CategoryFilter = RegulationCategory | 'all';

export const STATUS_FILTERS: StatusFilter[] = ['all', ...REGULATION_STATUSES];
export const CATEGORY_FILTERS: CategoryFilter[] = ['all', ...REGULATION_CATEGORIES];

/** The page listing regulations with this status and category; all/all is the index itself. */
export function regulationsPath(status: StatusFilter, category: CategoryFilter): string {
  return status === 'all' && category === 'all' ? '/regulations/' : `/regulations/filter/${status}/${category}/`;
}
