/**
 * The one guard every SDK paginator goes through, so that no listing runs forever: a service that
 * returns a new marker forever, repeats a marker, or keeps paging past the run's deadline ends the listing with a
 * `ListingStoppedError` (or the deadline's abort), which the caller turns into a named coverage gap.
 *
 * The SDK's own `stopOnSameToken` is not used: it ends the walk silently, so a listing cut short would read as
 * complete. Only a token equal to the one just sent is caught there; a cycle (A, B, A, ...) is caught here too.
 */
export class ListingStoppedError extends Error {
  override readonly name = 'ListingStopped';
}

export interface PageBounds<P> {
  /** The API action, named in the gap (e.g. `ListServerCertificates`). */
  readonly action: string;
  /** The most pages this listing may take (see `listing-caps.ts` for how each is derived). */
  readonly maxPages: number;
  /** The page's next-page token (the paginator's output token), absent on the last page. */
  readonly nextToken: (page: P) => string | undefined;
  /** The run's deadline: no further page is asked for once it fires. */
  readonly abortSignal?: AbortSignal | undefined;
}

/** The paginator's pages, each yielded before its token is checked, so what was listed before a stop is kept. */
export async function* boundedPages<P>(pages: AsyncIterable<P>, bounds: PageBounds<P>): AsyncGenerator<P> {
  const seen = new Set<string>();
  let count = 0;
  for await (const page of pages) {
    yield page;
    count += 1;
    const token = bounds.nextToken(page);
    if (!token) return;
    if (seen.has(token))
      throw new ListingStoppedError(`${bounds.action} listing stopped: the service repeated a marker`);
    seen.add(token);
    if (count >= bounds.maxPages) {
      throw new ListingStoppedError(
        `${bounds.action} listing stopped: the service returned more than ${bounds.maxPages} pages`,
      );
    }
    bounds.abortSignal?.throwIfAborted();
  }
}
