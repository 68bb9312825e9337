import { boundedPages, ListingStoppedError } from '../../../lambda/aws/bounded-pages';

interface Page {
  readonly items: number[];
  readonly next?: string;
}

/** A paginator stand-in that counts the pages asked for. */
function pagesOf(tokens: (string | undefined)[]): { pages: AsyncIterable<Page>; asked: () => number } {
  let asked = 0;
  async function* pages(): AsyncGenerator<Page> {
    for (const [i, next] of tokens.entries()) {
      asked += 1;
      yield { items: [i], ...(next ? { next } : {}) };
      if (!next) return;
    }
  }
  return { pages: pages(), asked: () => asked };
}

async function collect(pages: AsyncIterable<Page>, maxPages: number, abortSignal?: AbortSignal) {
  const items: number[] = [];
  try {
    for await (const page of boundedPages(pages, {
      action: 'ListThings',
      maxPages,
      nextToken: (p) => p.next,
      abortSignal,
    }))
      items.push(...page.items);
  } catch (error) {
    return { items, error: error as Error };
  }
  return { items };
}

describe('boundedPages', () => {
  it('walks every page of a listing that ends', async () => {
    const { pages, asked } = pagesOf(['a', 'b', undefined]);
    expect(await collect(pages, 3)).toEqual({ items: [0, 1, 2] });
    expect(asked()).toBe(3);
  });

  it('stops on a marker the service returned before (the same twice, or a cycle), keeping the pages so far', async () => {
    for (const [tokens, pagesRead] of [
      [['a', 'a', 'a'], 2],
      [['a', 'b', 'a', 'b'], 3],
    ] as const) {
      const { pages, asked } = pagesOf([...tokens]);
      const { items, error } = await collect(pages, 100);
      expect(error).toBeInstanceOf(ListingStoppedError);
      expect(error?.message).toBe('ListThings listing stopped: the service repeated a marker');
      expect(items).toHaveLength(pagesRead);
      expect(asked()).toBe(pagesRead);
    }
  });

  it('stops after maxPages pages when a new marker keeps coming, without asking for another', async () => {
    const { pages, asked } = pagesOf(Array.from({ length: 1000 }, (_, i) => `m${i}`));
    const { items, error } = await collect(pages, 7);
    expect(error?.message).toBe('ListThings listing stopped: the service returned more than 7 pages');
    expect(items).toHaveLength(7);
    expect(asked()).toBe(7);
  });

  it('asks for no further page once the deadline fires', async () => {
    const deadline = new AbortController();
    const { pages, asked } = pagesOf(['a', 'b', 'c', undefined]);
    const items: number[] = [];
    const bounded = boundedPages(pages, {
      action: 'ListThings',
      maxPages: 10,
      nextToken: (p) => p.next,
      abortSignal: deadline.signal,
    });
    await expect(
      (async () => {
        for await (const page of bounded) {
          items.push(...page.items);
          deadline.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(items).toEqual([0]);
    expect(asked()).toBe(1);
  });
});
