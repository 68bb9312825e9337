import type { ClassifiedCertificate, ExpirySeverity, ServerCertificate, Thresholds } from './types';

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Classifies one certificate at `now`. Boundaries are inclusive: a certificate that expires exactly
 * `thresholdDays` × 24 h from now is already critical, and one that expires exactly now is expired.
 */
export function classify(certificate: ServerCertificate, thresholds: Thresholds, now: Date): ClassifiedCertificate {
  const expiration = certificate.expiration;
  if (!expiration || Number.isNaN(expiration.getTime())) return { certificate, severity: 'unknown' };
  const msLeft = expiration.getTime() - now.getTime();
  return { certificate, severity: severityFor(msLeft, thresholds), daysLeft: wholeDays(msLeft) };
}

/** Whole days, rounded toward zero: 6 d 23 h left is 6; expired 1 ms ago is -0 → 0 ("expired today"). */
export function wholeDays(ms: number): number {
  const days = Math.trunc(ms / DAY_MS);
  return days === 0 ? 0 : days;
}

function severityFor(msLeft: number, { thresholdDays, warningDays }: Thresholds): ExpirySeverity | 'ok' {
  if (msLeft <= 0) return 'expired';
  if (msLeft <= thresholdDays * DAY_MS) return 'critical';
  if (warningDays > 0 && msLeft <= warningDays * DAY_MS) return 'warning';
  return 'ok';
}

/** The widest window, in days, in which any certificate could be flagged with these thresholds. */
export function widestWindowDays({ thresholdDays, warningDays }: Thresholds): number {
  return Math.max(thresholdDays, warningDays);
}
