/**
 * Pure: the facts a structured sink (Security Hub finding, EventBridge event) carries about one flagged
 * certificate, with every list capped and each claim limited to what the scan verified.
 */
import { RENEWS_TAG } from '../domain/types';
import type { CertificateUsage, Finding, Report, RenewalState } from '../domain/types';
import { USAGE_SOURCES } from '../sources/registry';
import { plural } from './format';

/** Whether the usages were read everywhere: a region or service that could not be checked may hide more. */
export function usagesComplete(report: Report): boolean {
  return report.coverage.gaps.length === 0;
}

/** The first `max` items and how many were left out. */
export function capped<T>(
  items: readonly T[],
  max: number,
): { readonly shown: readonly T[]; readonly notShown: number } {
  return { shown: items.slice(0, max), notShown: Math.max(0, items.length - max) };
}

/** A usage in one line, named by its source: `ALB shop-alb, us-east-1, HTTPS:443, SNI`. */
export function usageLine(usage: CertificateUsage): string {
  return USAGE_SOURCES.of(usage).names.compact(usage);
}

/** `not-checked` when no renewal could be looked for (the body's names are unknown). */
export function renewalStateOf(finding: Finding): RenewalState | 'not-checked' {
  return finding.renewal?.state ?? 'not-checked';
}

/** One sentence on the renewal, claiming only what was verified. */
export function renewalSentence(finding: Finding, report: Report): string {
  const renewal = finding.renewal;
  if (!renewal) return 'Renewal not checked: the certificate body could not be read.';
  const unchecked =
    renewal.unchecked > 0
      ? ` ${plural(renewal.unchecked, 'possible renewal')} could not be read, so one may exist.`
      : '';
  const partial = usagesComplete(report) ? '' : ' Some regions or services could not be checked.';
  switch (renewal.state) {
    case 'none':
      return `No renewal found in IAM.${unchecked}`;
    case 'ambiguous':
      return `Several renewals qualify; none is taken until one is chosen (tag ${RENEWS_TAG}).${unchecked}`;
    case 'uploaded':
      return `Renewal ${renewal.certificate.name} is uploaded but served nowhere yet.${partial}`;
    case 'partly-rolled-out':
      return `Renewal ${renewal.certificate.name} serves ${plural(renewal.alreadyServing.length, 'place')}; this certificate still serves ${plural(renewal.remaining.length, 'place')}.${partial}`;
    case 'rolled-out':
      return `Renewal ${renewal.certificate.name} serves every place found; this certificate serves none of them.${partial}`;
  }
}
