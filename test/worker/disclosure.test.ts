// Disclosure control, tested as an attacker would attack it: take the published table with its
// totals, set up the equations they imply, solve, and see which hidden cells come out.
import { describe, expect, it } from 'vitest';
import { isSmall, protectTable, publishableRate, type CountTable, type PublishedCell, type PublishedTable } from '../../core/stats/disclosure.ts';
import { grid, recoverable } from './attacker.ts';

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
