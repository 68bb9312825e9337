/** Marker/page-size paging over an in-memory list; markers are opaque base64 tokens like AWS's. */
import { AwsError } from './aws-error';

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
  const slice = items.slice(start, end);
  return end < items.length ? { items: slice, nextMarker: encodeMarker(end) } : { items: slice };
}
