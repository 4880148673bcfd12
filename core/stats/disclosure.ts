/**
 * Disclosure control for published count tables. Pure; tested like a security feature.
 *
 * A cell with 1 or 2 cases is shown as "<3" (primary suppression). Because tables are published
 * with their row and column totals, that alone would let anyone subtract the other cells from a
 * total and recover the hidden value; so more cells are hidden (complementary suppression) until
 * no hidden value follows from the published ones.
 *
 * Why it works: write the table with its totals negated in an extra row and column, so every row
 * and every column sums to zero. Hidden cells are edges of a bipartite graph between rows and
 * columns; the values the published numbers allow differ by flows around cycles of that graph.
 * A hidden cell is therefore recoverable exactly when its edge lies on no cycle (a bridge). We
 * hide cells until the graph of hidden cells has no bridge, always choosing the cheapest cells
 * (fewest cases, already hidden ones free) to close a cycle through each bridge.
 */

/** What a published cell shows: its count, "<3" (a small count), or hidden to protect one. */
export type PublishedCell = { value: number } | { small: true } | { hidden: true };

export interface CountTable {
  rows: string[];
  columns: string[];
  /** counts[row][column] */
  counts: number[][];
}

export interface PublishedTable {
  rows: string[];
  columns: string[];
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  total: PublishedCell;
}

/** Counts of 1 or 2 are never published as such. */
export const isSmall = (n: number) => n > 0 && n < 3;

/** The smallest denominator for which a rate is published. */
export const MIN_RATE_DENOMINATOR = 10;

/** A rate, or null ("not enough cases yet") when its denominator is under the minimum. */
export function publishableRate(numerator: number, denominator: number): number | null {
  return denominator >= MIN_RATE_DENOMINATOR ? numerator / denominator : null;
}

/** The augmented table: cells, then totals in an extra column and row (negated, so lines sum to 0). */
function augment(t: CountTable): number[][] {
  const m = t.rows.length;
  const n = t.columns.length;
  const a = t.counts.map((row) => [...row, -row.reduce((s, v) => s + v, 0)]);
  const colTotals = Array.from({ length: n }, (_, j) => -t.counts.reduce((s, row) => s + row[j]!, 0));
  a.push([...colTotals, t.counts.flat().reduce((s, v) => s + v, 0)]);
  return a.slice(0, m + 1);
}

/** Bridges of the bipartite graph whose edges are the hidden cells (row i ↔ column j). */
function bridges(hidden: boolean[][]): [number, number][] {
  const m = hidden.length;
  const n = hidden[0]!.length;
  const nodes = m + n;
  const adjacency: [number, number, number][][] = Array.from({ length: nodes }, () => []);
  let edgeId = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      if (!hidden[i]![j]) continue;
      adjacency[i]!.push([m + j, edgeId, i * n + j]);
      adjacency[m + j]!.push([i, edgeId, i * n + j]);
      edgeId++;
    }
  }
  const order = new Array<number>(nodes).fill(-1);
  const low = new Array<number>(nodes).fill(0);
  const found: [number, number][] = [];
  let counter = 0;
  for (let start = 0; start < nodes; start++) {
    if (order[start] !== -1) continue;
    // Iterative DFS (tables can be wide): stack of [node, edge used to enter, next neighbour index].
    const stack: [number, number, number][] = [[start, -1, 0]];
    order[start] = low[start] = counter++;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, via] = top;
      if (top[2] < adjacency[node]!.length) {
        const [next, id] = adjacency[node]![top[2]++]!;
        if (id === via) continue;
        if (order[next] === -1) {
          order[next] = low[next] = counter++;
          stack.push([next, id, 0]);
        } else {
          low[node] = Math.min(low[node]!, order[next]!);
        }
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low[parent[0]] = Math.min(low[parent[0]]!, low[node]!);
          if (low[node]! > order[parent[0]]!) {
            const cell = adjacency[node]!.find(([, id]) => id === via)![2];
            found.push([Math.floor(cell / n), cell % n]);
          }
        }
      }
    }
  }
  return found;
}

/** The cheapest set of cells that, hidden, closes a cycle through cell (r, c). */
function cheapestDetour(values: number[][], hidden: boolean[][], r: number, c: number): [number, number][] {
  const m = values.length;
  const n = values[0]!.length;
  const nodes = m + n;
  // Hidden cells cost nothing; others cost their (absolute) count plus one, so fewer and smaller cells win.
  const cost = (i: number, j: number) => (hidden[i]![j] ? 0 : Math.abs(values[i]![j]!) + 1);
  const dist = new Array<number>(nodes).fill(Infinity);
  const prev = new Array<number>(nodes).fill(-1);
  const done = new Array<boolean>(nodes).fill(false);
  dist[r] = 0;
  for (;;) {
    let u = -1;
    for (let k = 0; k < nodes; k++) if (!done[k] && dist[k]! < Infinity && (u === -1 || dist[k]! < dist[u]!)) u = k;
    if (u === -1 || u === m + c) break;
    done[u] = true;
    if (u < m) {
      for (let j = 0; j < n; j++) {
        if (u === r && j === c) continue; // the detour must avoid the bridge itself
        const d = dist[u]! + cost(u, j);
        if (d < dist[m + j]!) [dist[m + j], prev[m + j]] = [d, u];
      }
    } else {
      const j = u - m;
      for (let i = 0; i < m; i++) {
        if (i === r && j === c) continue;
        const d = dist[u]! + cost(i, j);
        if (d < dist[i]!) [dist[i], prev[i]] = [d, u];
      }
    }
  }
  const path: [number, number][] = [];
  for (let v = m + c; v !== r; v = prev[v]!) {
    const u = prev[v]!;
    if (u === -1) throw new Error('no detour: the table needs at least two rows and two columns');
    path.push(u < m ? [u, v - m] : [v, u - m]);
  }
  return path;
}

/**
 * Which cells of the table (with its totals as the last row and column) must be hidden:
 * every small count, and enough others that none of them can be worked out.
 */
export function suppressionPattern(t: CountTable): boolean[][] {
  const values = augment(t);
  const hidden = values.map((row) => row.map((v) => isSmall(Math.abs(v))));
  for (;;) {
    const open = bridges(hidden);
    if (open.length === 0) return hidden;
    const [r, c] = open[0]!;
    for (const [i, j] of cheapestDetour(values, hidden, r, c)) hidden[i]![j] = true;
  }
}

/** The table as it may be published. */
export function protectTable(t: CountTable): PublishedTable {
  const values = augment(t);
  const hidden = suppressionPattern(t);
  const show = (i: number, j: number): PublishedCell => {
    const v = Math.abs(values[i]![j]!);
    if (isSmall(v)) return { small: true };
    return hidden[i]![j] ? { hidden: true } : { value: v };
  };
  const m = t.rows.length;
  const n = t.columns.length;
  return {
    rows: t.rows,
    columns: t.columns,
    cells: t.rows.map((_, i) => t.columns.map((_, j) => show(i, j))),
    rowTotals: t.rows.map((_, i) => show(i, n)),
    columnTotals: t.columns.map((_, j) => show(m, j)),
    total: show(m, n),
  };
}
