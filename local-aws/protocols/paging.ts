/** Marker/page-size paging over an in-memory list; markers are opaque base64 tokens like AWS's. */
import { AwsError } from './aws-error';

/**
 * Listing faults (fault kinds): the request is served, but its next-page marker is, for `endless-marker`, a new
 * one on every page (the listing never ends) or, for `repeated-marker`, the one it was sent (the listing loops).
 */
export type PagingFault = 'endless-marker' | 'repeated-marker';

/** The paging fault of the request being served (handlers are synchronous: one request at a time in here). */
let pagingFault: PagingFault | undefined;

/** Serves one request with its listing's marker replaced as the fault says. */
export function withPagingFault<T>(fault: PagingFault | undefined, serve: () => T): T {
  pagingFault = fault;
  try {
    return serve();
  } finally {
    pagingFault = undefined;
  }
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Present only when more items follow. */
  readonly nextMarker?: string;
}

export function encodeMarker(offset: number): string {
  return Buffer.from(`v1:${offset}`).toString('base64');
}

/** The offset a marker encodes; a marker this server did not issue answers `invalid` (query: ValidationError). */
export function decodeMarker(
  marker: string | undefined,
  invalid = new AwsError('ValidationError', 'Invalid value for parameter Marker'),
): number {
  if (marker === undefined || marker === '') return 0;
  const m = /^v1:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  if (!m) throw invalid;
  return Number(m[1]);
}

export function paginate<T>(
  items: readonly T[],
  marker: string | undefined,
  pageSize: number,
  invalid?: AwsError,
): Page<T> {
  const start = decodeMarker(marker, invalid);
  const end = start + pageSize;
  if (pagingFault !== undefined) {
    // The same items again and again (as a looping service would), under a marker that never ends the listing.
    const from = items.length > 0 ? start % items.length : 0;
    const slice = items.slice(from, from + pageSize);
    const next = pagingFault === 'repeated-marker' && marker ? marker : encodeMarker(end);
    return { items: slice, nextMarker: next };
  }
  const slice = items.slice(start, end);
  return end < items.length ? { items: slice, nextMarker: encodeMarker(end) } : { items: slice };
}
