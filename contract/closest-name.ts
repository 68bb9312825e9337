/**
 * "Did you mean …?" for a name an operator typed (a context key, a region): the known name nearest to it by edit
 * distance, when it is near enough to be a typo of that name. Pure; the one place both lib/ and lambda/ ask.
 */

/**
 * Edit distance with transpositions (optimal string alignment): the fewest single-character insertions,
 * deletions, substitutions and swaps of two neighbours from `a` to `b`. A swap is one typo (`--dyas`), not two.
 */
export function editDistance(a: string, b: string): number {
  let previous: number[] = [];
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        next[j] = Math.min(next[j]!, previous[j - 2]! + 1);
    }
    previous = row;
    row = next;
  }
  return row[b.length]!;
}

/**
 * The candidate nearest `name` (ignoring case), or `undefined` when none is near enough: a typo is at most a
 * quarter of the candidate's length away (at least 1 edit, at most 3). Ties go to the earlier candidate.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= Math.max(1, Math.min(3, Math.floor(candidate.length / 4))) && (!best || distance < best.distance))
      best = { name: candidate, distance };
  }
  return best?.name;
}
