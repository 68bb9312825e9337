/**
 * The one packer of content into SNS-sized parts (pure): an account alert's certificates into its messages, an
 * organization digest's account sections into its parts. Items keep their order and are never split.
 */

export interface Packed<T> {
  /** Runs of consecutive items, in order: at least one part (empty when there are no items), at most maxParts. */
  readonly parts: readonly (readonly T[])[];
  /** How many items, after the last part, no part holds: the caller counts them. */
  readonly rest: number;
}

/**
 * Each part takes the longest run of the next items that `sizeOf` puts within `budget`; an item too big for a
 * part of its own still takes one, alone (the caller shrinks it there). `sizeOf(run, part)` is the size of part
 * number `part` (0-based) holding exactly `run`, and must not shrink as the run grows. Measuring a run can mean
 * rendering a whole message, so a part is found with a few measurements however many items it holds: a guess,
 * doubling steps away from it until a run that fits and a longer one that does not bracket the answer, then
 * bisection.
 */
export function packIntoParts<T>(
  items: readonly T[],
  sizeOf: (run: readonly T[], part: number) => number,
  budget: number,
  maxParts: number,
): Packed<T> {
  const parts: T[][] = [];
  let start = 0;
  while (start < items.length && parts.length < maxParts) {
    const part = parts.length;
    const fits = (length: number) => sizeOf(items.slice(start, start + length), part) <= budget;
    const left = items.length - start;
    let fitting = 1; // a part holds at least one item
    let tooMany = left + 1;
    const one = sizeOf(items.slice(start, start + 1), part);
    if (one <= budget && left > 1) {
      // The guess: the room an empty part leaves, in shares of the size the first item adds.
      const empty = sizeOf([], part);
      let probe = Math.min(left, Math.max(2, Math.floor((budget - empty) / Math.max(1, one - empty))));
      for (let step = 1; probe > fitting && probe < tooMany; step *= 2) {
        if (fits(probe)) {
          fitting = probe;
          probe = tooMany > left ? Math.min(left, probe + step) : tooMany;
        } else {
          tooMany = probe;
          probe = fitting > 1 ? fitting : probe - step;
        }
      }
      while (tooMany - fitting > 1) {
        const mid = Math.floor((fitting + tooMany) / 2);
        if (fits(mid)) fitting = mid;
        else tooMany = mid;
      }
    }
    parts.push(items.slice(start, start + fitting));
    start += fitting;
  }
  return { parts: parts.length > 0 ? parts : [[]], rest: items.length - start };
}
