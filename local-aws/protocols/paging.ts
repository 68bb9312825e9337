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

export function decodeMarker(marker: string | undefined): number {
  if (marker === undefined || marker === '') return 0;
  const m = /^v1:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  if (!m) throw new AwsError('ValidationError', 'Invalid value for parameter Marker');
  return Number(m[1]);
}

export function paginate<T>(items: readonly T[], marker: string | undefined, pageSize: number): Page<T> {
  const start = decodeMarker(marker);
  const end = start + pageSize;
  const slice = items.slice(start, end);
  return end < items.length ? { items: slice, nextMarker: encodeMarker(end) } : { items: slice };
}
