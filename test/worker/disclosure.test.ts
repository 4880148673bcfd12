// Disclosure control, tested as an attacker would attack it: take the published table with its
// totals, set up the equations they imply, solve, and see which hidden cells come out.
import { describe, expect, it } from 'vitest';
import { isSmall, protectTable, publishableRate, type CountTable, type PublishedCell, type PublishedTable } from '../../worker/stats/disclosure.ts';

/** Everything the attacker sees, as the augmented grid (totals as last row and column). */
function grid(p: PublishedTable): PublishedCell[][] {
  return [...p.cells.map((row, i) => [...row, p.rowTotals[i]!]), [...p.columnTotals, p.total]];
}

/**
 * Which unknown cells the published numbers determine: Gaussian elimination on
 * "each row's cells sum to its total" and "each column's cells sum to its total".
 */
function recoverable(p: PublishedTable): Set<string> {
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

/** A deterministic pseudo-random generator, so failures can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomTable(random: () => number): CountTable {
  const m = 2 + Math.floor(random() * 5);
  const n = 2 + Math.floor(random() * 5);
  const counts = Array.from({ length: m }, () =>
    Array.from({ length: n }, () => {
      const r = random();
      return r < 0.25 ? 0 : r < 0.55 ? 1 + Math.floor(random() * 2) : 3 + Math.floor(random() * 30);
    }),
  );
  return { rows: counts.map((_, i) => `r${i}`), columns: counts[0]!.map((_, j) => `c${j}`), counts };
}

describe('disclosure control', () => {
  it('shows 1 and 2 as "<3", and never a count of 1 or 2 anywhere', () => {
    const published = protectTable({ rows: ['a', 'b'], columns: ['x', 'y', 'z'], counts: [[1, 5, 7], [2, 9, 4]] });
    expect(published.cells[0]![0]).toEqual({ small: true });
    expect(published.cells[1]![0]).toEqual({ small: true });
    const values = grid(published).flat().filter((c): c is { value: number } => 'value' in c).map((c) => c.value);
    expect(values.some(isSmall)).toBe(false);
  });

  it('hides no more than needed when nothing is small', () => {
    const published = protectTable({ rows: ['a', 'b'], columns: ['x', 'y'], counts: [[5, 7], [9, 4]] });
    expect(grid(published).flat().every((c) => 'value' in c)).toBe(true);
  });

  it('defeats subtraction from the totals in a worked example', () => {
    // Without complementary suppression, a − 5 − 7 = the hidden 1.
    const published = protectTable({ rows: ['a', 'b'], columns: ['x', 'y', 'z'], counts: [[1, 5, 7], [6, 9, 4]] });
    expect(recoverable(published).size).toBe(0);
    const hiddenOrSmall = grid(published).flat().filter((c) => !('value' in c)).length;
    expect(hiddenOrSmall).toBeGreaterThanOrEqual(4);
  });

  it('leaves an attacker who solves the margins nothing to recover, over many random tables', () => {
    const random = rng(20261126);
    for (let round = 0; round < 400; round++) {
      const table = randomTable(random);
      const published = protectTable(table);
      const leaked = recoverable(published);
      expect([...leaked], JSON.stringify(table.counts)).toEqual([]);
    }
  });

  it('has an attacker that does recover cells from a table protected by primary suppression only', () => {
    // The attacker is real: with only the small cells hidden, it finds them.
    const naive: PublishedTable = {
      rows: ['a', 'b'],
      columns: ['x', 'y'],
      cells: [[{ small: true }, { value: 5 }], [{ value: 6 }, { value: 9 }]],
      rowTotals: [{ value: 6 }, { value: 15 }],
      columnTotals: [{ value: 7 }, { value: 14 }],
      total: { value: 21 },
    };
    expect(recoverable(naive)).toEqual(new Set(['0,0']));
  });

  it('publishes a rate only over at least 10 cases', () => {
    expect(publishableRate(3, 9)).toBeNull();
    expect(publishableRate(9, 10)).toBe(0.9);
  });
});
