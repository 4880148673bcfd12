/** Demo entries of the liaison station performance record form, as SQL for the local database. */
export function recordsDemoSql(): string[] {
  return [];
}
