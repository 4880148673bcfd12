// The attacker of published count tables: takes a table with its totals, sets up the equations
// they imply, solves, and says which hidden cells come out. Shared by the disclosure tests.
import type { PublishedCell, PublishedTable } from '../../core/stats/disclosure.ts';

/** Everything the attacker sees, as the augmented grid (totals as last row and column). */
export function grid(p: PublishedTable): PublishedCell[][] {
  return [...p.cells.map((row, i) => [...row, p.rowTotals[i]!]), [...p.columnTotals, p.total]];
}

/**
 * Which unknown cells the published numbers determine: Gaussian elimination on
 * "each row's cells sum to its total" and "each column's cells sum to its total".
 */
export function recoverable(p: PublishedTable): Set<string> {
  const g = grid(p);
  const m = g.length - 1;
  const n = g[0]!.length - 1;
  const unknowns: [number, number][] = [];
  g.forEach((row, i) => row.forEach((cell, j) => !('value' in cell) && unknowns.push([i, j])));
  const index = new Map(unknowns.map(([i, j], k) => [`${i},${j}`, k]));
  const value = (cell: PublishedCell) => ('value' in cell ? cell.value : 0);
  const equations: number[][] = [];
  const line = (cells: [number, number, number][]) => {
    // cells: [i, j, sign]; sum(sign * x) = 0
    const eq = new Array(unknowns.length + 1).fill(0);
    for (const [i, j, sign] of cells) {
      const k = index.get(`${i},${j}`);
      if (k === undefined) eq[unknowns.length] -= sign * value(g[i]![j]!);
      else eq[k] += sign;
    }
    equations.push(eq);
  };
  for (let i = 0; i <= m; i++) line([...Array.from({ length: n }, (_, j) => [i, j, 1] as [number, number, number]), [i, n, -1]]);
  for (let j = 0; j <= n; j++) line([...Array.from({ length: m }, (_, i) => [i, j, 1] as [number, number, number]), [m, j, -1]]);
  // Reduced row echelon form.
  const rows = equations;
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let col = 0; col < unknowns.length && pivotRow < rows.length; col++) {
    const r = rows.findIndex((eq, k) => k >= pivotRow && Math.abs(eq[col]!) > 1e-9);
    if (r === -1) continue;
    [rows[pivotRow], rows[r]] = [rows[r]!, rows[pivotRow]!];
    const p = rows[pivotRow]![col]!;
    rows[pivotRow] = rows[pivotRow]!.map((v) => v / p);
    for (let k = 0; k < rows.length; k++) {
      if (k === pivotRow || Math.abs(rows[k]![col]!) < 1e-9) continue;
      const f = rows[k]![col]!;
      rows[k] = rows[k]!.map((v, c) => v - f * rows[pivotRow]![c]!);
    }
    pivots.push(col);
    pivotRow++;
  }
  const determined = new Set<string>();
  pivots.forEach((col, r) => {
    const others = rows[r]!.slice(0, unknowns.length).some((v, c) => c !== col && Math.abs(v) > 1e-9);
    if (!others) determined.add(unknowns[col]!.join(','));
  });
  return determined;
}

