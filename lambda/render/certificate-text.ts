/** Sentences about what a certificate body says and where its renewal stands, shared by every renderer. Pure. */
import { bodyExpiryMismatch, chainExpiringFirst } from '../domain/certificate-details';
import { usableDate } from '../domain/classify';
import { distinctPlaces, placesInRollout } from '../domain/renewal';
import type { CertificateKey, Finding, RenewalState } from '../domain/types';
import { isoDay, plural } from './format';
import { describeUsage } from './remediation';

/** `shop.example.com, www.shop.example.com` — at most `max` names, then `+N more`. */
export function hostnamesLabel(hostnames: readonly string[], max = 3): string {
  const shown = hostnames.slice(0, max).join(', ');
  return hostnames.length > max ? `${shown} +${hostnames.length - max} more` : shown;
}

/** A renewal is in IAM (uploaded, partly or fully rolled out). */
export function renewalReady(finding: Finding): boolean {
  return finding.renewal !== undefined && finding.renewal.state !== 'none';
}

export const RENEWAL_STATE_LABEL: Record<RenewalState, string> = {
  none: 'no renewal in IAM',
  uploaded: 'renewal ready, not attached',
  'partly-rolled-out': 'renewal partly rolled out',
  'rolled-out': 'replaced, safe to delete',
};

/** `EC P-256`, `RSA 2048`. */
export function keyLabel(key: CertificateKey): string {
  return [key.type, key.curve ?? key.bits].filter((p) => p !== undefined).join(' ');
}

/** What the body says that the listing does not, most urgent first: a chain that expires first; another notAfter than IAM's. */
export function certificateWarnings(finding: Finding): string[] {
  const warnings: string[] = [];
  const chain = chainExpiringFirst(finding.details);
  if (chain && finding.details) {
    const counted = finding.expiryEvidence?.source === 'chain' ? ' The severity and days left count to that day.' : '';
    warnings.push(
      `Its chain expires first: ${chain.subject} expires ${isoDay(chain.notAfter)}, before the certificate ` +
        `(${isoDay(finding.details.notAfter)}); clients fail from that day.${counted}`,
    );
  }
  if (finding.details && !usableDate(finding.certificate.expiration)) {
    warnings.push(
      `IAM lists no expiry date for it; the date used, ${isoDay(finding.details.notAfter)}, is the certificate ` +
        "body's notAfter.",
    );
  }
  const mismatch = bodyExpiryMismatch(finding);
  if (mismatch && finding.certificate.expiration) {
    warnings.push(
      `The certificate itself expires ${isoDay(mismatch)}, not ${isoDay(finding.certificate.expiration)} as IAM lists it.`,
    );
  }
  return warnings;
}

const LISTED_REMAINING = 5;

/**
 * One paragraph on the renewal, e.g. "Renewal partly rolled out: 2 of 3 places already serve `payments-2027`;
 * still on the expiring certificate: ALB shop (eu-west-1) HTTPS:443." Absent when it was not looked for.
 */
export function renewalSentence(finding: Finding, code: (name: string) => string = (n) => n): string | undefined {
  const renewal = finding.renewal;
  if (!renewal) return undefined;
  const unchecked =
    renewal.unchecked > 0
      ? ` (${plural(renewal.unchecked, 'possible renewal')} could not be read, so one may exist.)`
      : '';
  const name = renewal.certificate ? code(renewal.certificate.name) : '';
  const expires = renewal.certificate?.expiration ? ` (expires ${isoDay(renewal.certificate.expiration)})` : '';
  const others =
    renewal.alsoQualifying.length > 0
      ? ` ${plural(renewal.alsoQualifying.length, 'other certificate')} also ` +
        `${renewal.alsoQualifying.length === 1 ? 'covers' : 'cover'} these names (${renewal.alsoQualifying.map(code).join(', ')}); ` +
        'the one that expires last was taken.'
      : '';
  switch (renewal.state) {
    case 'none':
      return `No renewal in IAM: no other certificate that expires later covers all of its names.${unchecked}`;
    case 'uploaded':
      return `Renewal ready: ${name}${expires} is uploaded but not attached anywhere yet; switch to it below.${others}`;
    case 'rolled-out':
      return `Replaced by ${name}${expires}: nothing found serves the expiring certificate any more, safe to delete.${others}`;
    case 'partly-rolled-out': {
      const total = placesInRollout(renewal);
      const serving = distinctPlaces(renewal.alreadyServing);
      const listed = renewal.remaining.slice(0, LISTED_REMAINING).map(describeUsage).join('; ');
      const more =
        renewal.remaining.length > LISTED_REMAINING ? `; and ${renewal.remaining.length - LISTED_REMAINING} more` : '';
      return (
        `Renewal partly rolled out: ${serving} of ${plural(total, 'place')} already serve ${name}${expires}; ` +
        `still on the expiring certificate: ${listed}${more}.${others}`
      );
    }
  }
}
