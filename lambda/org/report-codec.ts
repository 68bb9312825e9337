/**
 * A Report as JSON between the scan and the aggregate step (state payload or S3 object), and back. Every Date,
 * wherever it sits in the report, travels as `{"$date": "<ISO 8601>"}`, so the round trip is exact for any
 * field a later version of the Report adds, and no string (a tag value) is ever mistaken for a date. Not the
 * subscriber format (render/json-report.ts): the aggregate re-renders from the decoded Report.
 */
import type { Report } from '../domain/types';

const DATE_KEY = '$date';

export function encodeReport(report: Report): unknown {
  return JSON.parse(
    JSON.stringify(report, function (this: Record<string, unknown>, key, value: unknown) {
      // `value` is already Date#toJSON's string; the holder still has the Date.
      const raw = this[key];
      return raw instanceof Date ? { [DATE_KEY]: raw.toISOString() } : value;
    }),
  ) as unknown;
}

export function decodeReport(value: unknown): Report {
  const r = value as Partial<Report> | null;
  if (!r || typeof r !== 'object' || typeof r.accountId !== 'string' || !Array.isArray(r.findings) || !r.coverage) {
    throw new Error('not an encoded report');
  }
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const date = (v as Record<string, unknown>)[DATE_KEY];
      if (keys.length === 1 && typeof date === 'string') {
        // An unreadable date fails the decode here (the account is named not checked), not a renderer later.
        const parsed = new Date(date);
        if (Number.isNaN(parsed.getTime()))
          throw new Error(`not an encoded report: invalid date ${JSON.stringify(date.slice(0, 40))}`);
        return parsed;
      }
    }
    return v;
  }) as Report;
}
