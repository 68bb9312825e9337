import { classify, widestWindowDays } from './classify';
import type {
  CertificateTagSettings,
  ClassifiedCertificate,
  ExpirySeverity,
  FlaggedSeverity,
  ServerCertificate,
  SnoozedCertificate,
  Thresholds,
} from './types';

/** A certificate that needs attention, before its usages are known. */
export interface FlaggedCertificate {
  readonly certificate: ServerCertificate;
  readonly severity: ExpirySeverity;
  readonly daysLeft?: number;
  readonly thresholdDays: number;
  readonly owner?: string;
}

export interface Evaluation {
  readonly flagged: readonly FlaggedCertificate[];
  readonly snoozed: readonly SnoozedCertificate[];
  readonly configurationProblems: readonly { readonly certificateName: string; readonly problem: string }[];
}

/**
 * Certificates whose tags must be read: those inside the widest window (or of unknown expiry). Tags are not read
 * for the rest, so a quiet day costs no tag calls; a `threshold-days` tag can therefore raise a threshold only up
 * to that window.
 */
export function certificatesNeedingTags(
  certificates: readonly ServerCertificate[],
  thresholds: Thresholds,
  now: Date,
): ServerCertificate[] {
  const window: Thresholds = { thresholdDays: widestWindowDays(thresholds), warningDays: 0 };
  return certificates.filter((certificate) => classify(certificate, window, now).severity !== 'ok');
}

/**
 * Applies each certificate's tag settings (threshold override, snooze, owner) and classifies it. `tagsByArn`
 * holds settings only for the certificates whose tags were read.
 */
export function evaluateCertificates(
  certificates: readonly ServerCertificate[],
  thresholds: Thresholds,
  tagsByArn: ReadonlyMap<string, CertificateTagSettings>,
  now: Date,
): Evaluation {
  const flagged: FlaggedCertificate[] = [];
  const snoozed: SnoozedCertificate[] = [];
  const configurationProblems: { certificateName: string; problem: string }[] = [];

  for (const certificate of certificates) {
    const tags = tagsByArn.get(certificate.arn);
    for (const problem of tags?.problems ?? [])
      configurationProblems.push({ certificateName: certificate.name, problem });
    const effective: Thresholds = { ...thresholds, thresholdDays: tags?.thresholdDays ?? thresholds.thresholdDays };
    const classified = classify(certificate, effective, now);
    if (classified.severity === 'ok') continue;
    if (tags && isSnoozed(tags, now)) {
      snoozed.push(snoozedEntry(classified, tags));
      continue;
    }
    flagged.push({
      certificate,
      severity: classified.severity,
      ...(classified.daysLeft !== undefined ? { daysLeft: classified.daysLeft } : {}),
      thresholdDays: effective.thresholdDays,
      ...(tags?.owner !== undefined ? { owner: tags.owner } : {}),
    });
  }
  return { flagged: sortByUrgency(flagged), snoozed, configurationProblems };
}

function isSnoozed(tags: CertificateTagSettings, now: Date): boolean {
  return tags.ignored === true || (tags.snoozedUntil !== undefined && tags.snoozedUntil.getTime() > now.getTime());
}

function snoozedEntry(classified: ClassifiedCertificate, tags: CertificateTagSettings): SnoozedCertificate {
  return {
    certificate: classified.certificate,
    ...(classified.daysLeft !== undefined ? { daysLeft: classified.daysLeft } : {}),
    ...(tags.ignored !== true && tags.snoozedUntil ? { until: tags.snoozedUntil } : {}),
    ...(tags.owner !== undefined ? { owner: tags.owner } : {}),
  };
}

const RANK: Record<FlaggedSeverity, number> = { expired: 0, critical: 1, warning: 2, unknown: 3, unused: 4 };

/** Most urgent first: by severity, then fewest days left, then name (stable, readable output). */
export function sortByUrgency<
  T extends { severity: FlaggedSeverity; daysLeft?: number; certificate: ServerCertificate },
>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      (a.daysLeft ?? 0) - (b.daysLeft ?? 0) ||
      a.certificate.name.localeCompare(b.certificate.name) ||
      a.certificate.arn.localeCompare(b.certificate.arn),
  );
}
