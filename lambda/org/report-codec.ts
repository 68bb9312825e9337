/**
 * A Report as JSON between the scan and the aggregate step (state payload or S3 object), and back: the same
 * fields, dates as ISO strings. Not the subscriber format (render/json-report.ts): the aggregate re-renders.
 */
import type { Report, ServerCertificate } from '../domain/types';

export function encodeReport(report: Report): unknown {
  return JSON.parse(JSON.stringify(report)) as unknown;
}

/** Revives the dates of an encoded report (typed as Report, its dates still strings until revived here). */
export function decodeReport(value: unknown): Report {
  const r = value as Report | null;
  if (!r || typeof r !== 'object' || typeof r.accountId !== 'string' || !Array.isArray(r.findings) || !r.coverage) {
    throw new Error('not an encoded report');
  }
  return {
    ...r,
    generatedAt: new Date(r.generatedAt),
    findings: r.findings.map((f) => ({ ...f, certificate: certificate(f.certificate) })),
    snoozed: (r.snoozed ?? []).map((s) => ({
      ...s,
      certificate: certificate(s.certificate),
      ...(s.until !== undefined ? { until: new Date(s.until) } : {}),
    })),
  };
}

function certificate(c: ServerCertificate): ServerCertificate {
  return {
    ...c,
    ...(c.expiration !== undefined ? { expiration: new Date(c.expiration) } : {}),
    ...(c.uploadDate !== undefined ? { uploadDate: new Date(c.uploadDate) } : {}),
  };
}
