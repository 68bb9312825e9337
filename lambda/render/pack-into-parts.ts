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
 * number `part` (0-based) holding exactly `run`, and must not shrink as the run grows: the longest run is found
 * by doubling the run from one item until it does not fit, then bisecting (a few measured runs a part, however
 * many items it holds).
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
    if (fits(1)) {
      for (let step = 1; tooMany > left && fitting < left; step *= 2) {
        const length = Math.min(left, fitting + step);
        if (fits(length)) fitting = length;
        else tooMany = length;
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
