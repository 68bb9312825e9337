import fc from 'fast-check';
import { packIntoParts } from '../../../lambda/render/pack-into-parts';

/** A part's size: an envelope (bigger for the first part) plus its items' sizes. */
const additive =
  (first: number, other: number) =>
  (run: readonly number[], part: number): number =>
    (part === 0 ? first : other) + run.reduce((n, size) => n + size, 0);

/** The plain rule, one item at a time: each part takes items while the next still fits, at least one. */
function greedy<T>(
  items: readonly T[],
  sizeOf: (run: readonly T[], part: number) => number,
  budget: number,
  maxParts: number,
) {
  const parts: T[][] = [];
  let start = 0;
  while (start < items.length && parts.length < maxParts) {
    let end = start + 1;
    while (end < items.length && sizeOf(items.slice(start, end + 1), parts.length) <= budget) end += 1;
    parts.push(items.slice(start, end));
    start = end;
  }
  return { parts: parts.length > 0 ? parts : [[]], rest: items.length - start };
}

describe('packIntoParts', () => {
  it('fills each part with the longest run that fits, in order', () => {
    const packed = packIntoParts([4, 4, 4, 4, 4, 4, 4], additive(2, 2), 12, 10);
    expect(packed).toEqual({ parts: [[4, 4], [4, 4], [4, 4], [4]], rest: 0 });
  });

  it('measures each part as the part it is: the first one may carry more', () => {
    // The first part's envelope leaves room for one item, the others' for two.
    const packed = packIntoParts([4, 4, 4, 4, 4], additive(6, 2), 10, 10);
    expect(packed.parts).toEqual([[4], [4, 4], [4, 4]]);
  });

  it('gives an item too big for a part of its own a part alone, and goes on after it', () => {
    const packed = packIntoParts([3, 50, 3, 3], additive(0, 0), 10, 10);
    expect(packed).toEqual({ parts: [[3], [50], [3, 3]], rest: 0 });
  });

  it('stops at maxParts and counts the items no part holds', () => {
    const packed = packIntoParts([5, 5, 5, 5, 5, 5, 5], additive(0, 0), 10, 2);
    expect(packed).toEqual({
      parts: [
        [5, 5],
        [5, 5],
      ],
      rest: 3,
    });
  });

  it('packs nothing into one empty part', () => {
    expect(packIntoParts([], additive(0, 0), 10, 10)).toEqual({ parts: [[]], rest: 0 });
  });

  it('finds a long run with a few measurements, not one per item', () => {
    let measured = 0;
    const sizeOf = (run: readonly number[]) => {
      measured += 1;
      return run.length;
    };
    const packed = packIntoParts(
      Array.from({ length: 10_000 }, () => 1),
      sizeOf,
      6_000,
      10,
    );
    expect(packed.parts.map((p) => p.length)).toEqual([6_000, 4_000]);
    // Doubling to the end, then bisecting the last gap: about 2 log2(run) a part.
    expect(measured).toBeLessThanOrEqual(2 * 2 * Math.ceil(Math.log2(10_000)) + 4);
  });

  const sizes = fc.array(fc.nat({ max: 40 }), { maxLength: 120 });
  const limits = fc.record({
    budget: fc.integer({ min: 1, max: 200 }),
    maxParts: fc.integer({ min: 1, max: 12 }),
    first: fc.nat({ max: 30 }),
    other: fc.nat({ max: 30 }),
  });

  it('property: the same parts as adding one item at a time, for sizes that add up', () => {
    fc.assert(
      fc.property(sizes, limits, (items, { budget, maxParts, first, other }) => {
        const sizeOf = additive(first, other);
        expect(packIntoParts(items, sizeOf, budget, maxParts)).toEqual(greedy(items, sizeOf, budget, maxParts));
      }),
      { numRuns: 300 },
    );
  });

  it('property: the same parts as adding one item at a time, for sizes that only grow (a capped share)', () => {
    // As a message whose Slack text stops growing at its cap while the email and report go on.
    const capped = (cap: number) => (run: readonly number[], part: number) =>
      (part === 0 ? 7 : 3) + run.reduce((n, s) => n + s, 0) + Math.min(cap, run.length * 5);
    fc.assert(
      fc.property(sizes, limits, fc.nat({ max: 60 }), (items, { budget, maxParts }, cap) => {
        const sizeOf = capped(cap);
        expect(packIntoParts(items, sizeOf, budget, maxParts)).toEqual(greedy(items, sizeOf, budget, maxParts));
      }),
      { numRuns: 300 },
    );
  });

  it('property: every item is placed once, in order, or counted; every part fits or holds one item', () => {
    fc.assert(
      fc.property(sizes, limits, (items, { budget, maxParts, first, other }) => {
        const sizeOf = additive(first, other);
        const { parts, rest } = packIntoParts(items, sizeOf, budget, maxParts);
        expect(parts.length).toBeGreaterThanOrEqual(1);
        expect(parts.length).toBeLessThanOrEqual(maxParts);
        expect(parts.flat()).toEqual(items.slice(0, items.length - rest));
        if (rest > 0) expect(parts).toHaveLength(maxParts);
        parts.forEach((run, part) => {
          if (run.length > 1) expect(sizeOf(run, part)).toBeLessThanOrEqual(budget);
          if (items.length > 0) expect(run.length).toBeGreaterThan(0);
        });
      }),
      { numRuns: 300 },
    );
  });
});
