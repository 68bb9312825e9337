import type { ClassifiedCertificate, ExpirySeverity, ServerCertificate, Thresholds } from './types';

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Classifies one certificate at `now`. Boundaries are inclusive: a certificate that expires exactly
 * `thresholdDays` × 24 h from now is already critical, and one that expires exactly now is expired.
 */
export function classify(certificate: ServerCertificate, thresholds: Thresholds, now: Date): ClassifiedCertificate {
  const expiration = usableDate(certificate.expiration);
  if (!expiration) return { certificate, severity: 'unknown' };
  return { certificate, ...classifyExpiry(expiration, thresholds, now) };
}

/** The severity and whole days left of an expiry date at `now` (same inclusive boundaries as `classify`). */
export function classifyExpiry(
  expiration: Date,
  thresholds: Thresholds,
  now: Date,
): { readonly severity: ExpirySeverity | 'ok'; readonly daysLeft: number } {
  const msLeft = expiration.getTime() - now.getTime();
  return { severity: severityFor(msLeft, thresholds), daysLeft: daysLeft(expiration, now) };
}

/** A date that is there and valid (IAM's `Expiration` is optional in the model), else undefined. */
export function usableDate(date: Date | undefined): Date | undefined {
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * THE day count of every message: whole days from `now` to `expiration`, rounded toward zero. 6 d 23 h left is 6;
 * expired 1 ms ago is -0 → 0 ("expired today"); expired 1 d 1 h ago is -1.
 */
export function daysLeft(expiration: Date, now: Date): number {
  return wholeDays(expiration.getTime() - now.getTime());
}

/** Whole days in `ms`, rounded toward zero (never -0). */
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
