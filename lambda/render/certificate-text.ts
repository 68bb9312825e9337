/** Sentences about what a certificate body says and where its renewal stands, shared by every renderer. Pure. */
import { bodyExpiryMismatch, chainExpiringFirst } from '../domain/certificate-details';
import { usableDate } from '../domain/classify';
import { expiryUsed, leafExpiry } from '../domain/effective-expiry';
import { chosenRenewal, distinctPlaces, placesInRollout } from '../domain/renewal';
import {
  RENEWS_TAG,
  type CertificateKey,
  type ChosenRenewal,
  type Finding,
  type Renewal,
  type RenewalState,
} from '../domain/types';
import { isoDay, isoUtc, plural } from './format';
import { describeUsage } from './remediation';
import { TEXT_CAPS, capped } from './list-caps';

/** `shop.example.com, www.shop.example.com` — at most `max` names, then `+N more`. */
export function hostnamesLabel(hostnames: readonly string[], max = 3): string {
  const shown = hostnames.slice(0, max).join(', ');
  return hostnames.length > max ? `${shown} +${hostnames.length - max} more` : shown;
}

/** A renewal is in IAM (uploaded, partly or fully rolled out). */
export function renewalReady(finding: Finding): boolean {
  return chosenRenewal(finding.renewal) !== undefined || (finding.renewal?.acm ?? []).some((r) => r.state === 'found');
}

/** "the certificate ACM issued (AMAZON_ISSUED): ACM renews it itself" and the like. */
function acmTypeText(type: string | undefined, eligibility: string | undefined): string {
  if (type === 'AMAZON_ISSUED') {
    return eligibility === 'ELIGIBLE'
      ? 'Amazon-issued: ACM renews it itself while it is in use'
      : 'Amazon-issued: ACM renews it itself once it is in use (renewal eligibility: INELIGIBLE now)';
  }
  if (type === 'PRIVATE') return 'private CA, issued by ACM';
  if (type === 'IMPORTED') return 'imported: ACM does not renew it, import the next one yourself';
  return `type ${type ?? 'unknown'}`;
}

/**
 * ACM, place by place: "ACM in eu-west-1: arn:… (*.example.com, Amazon-issued: ACM renews it itself);
 * ACM in us-east-1: none; ACM in ap-south-1: renewal unknown (could not read ACM ...)." Empty when ACM was not read.
 */
export function acmSentence(finding: Finding, code: (name: string) => string = (n) => n): string {
  const regions = finding.renewal?.acm ?? [];
  if (regions.length === 0) return '';
  const parts = regions.map((r) => {
    switch (r.state) {
      case 'found': {
        const c = r.certificate;
        const others =
          r.alsoQualifying.length > 0 ? `, chosen by its ${RENEWS_TAG} tag over ${r.alsoQualifying.length}` : '';
        return `ACM in ${r.region}: ${code(c.arn)} (${c.domainName}, expires ${isoDay(c.notAfter)}, ${acmTypeText(c.type, c.renewalEligibility)}${others})`;
      }
      case 'ambiguous':
        return `ACM in ${r.region}: ${r.alsoQualifying.length} certificates qualify (${r.alsoQualifying.map(code).join(', ')}); tag the one to use`;
      case 'unknown':
        return `ACM in ${r.region}: renewal unknown in ${r.region} (${r.problem})`;
      case 'none':
        return `ACM in ${r.region}: none qualifies${r.rejected?.length ? ` (${r.rejected.length} rejected)` : ''}`;
    }
  });
  return ` ${parts.join('; ')}.`;
}

export const RENEWAL_STATE_LABEL: Record<RenewalState, string> = {
  none: 'no renewal in IAM',
  ambiguous: 'several renewals qualify, choose one',
  uploaded: 'renewal ready, not switched to',
  'partly-rolled-out': 'renewal partly rolled out',
  'rolled-out': 'replaced',
};

/** `EC P-256`, `RSA 2048`. */
export function keyLabel(key: CertificateKey): string {
  return [key.type, key.curve ?? key.bits].filter((p) => p !== undefined).join(' ');
}

/**
 * Where the date a finding's days left count to came from, when IAM's listing did not give it: the certificate
 * body, or the chain certificate that expires first. `undefined` for IAM's own date, or when none is known.
 */
export function expirySource(finding: Finding): string | undefined {
  const used = expiryUsed(finding);
  if (used?.source === 'body') return 'from the certificate body; IAM lists none';
  if (used?.source !== 'chain') return undefined;
  const own = leafExpiry(finding.certificate, finding.details);
  return `when its chain certificate ${used.subject} expires${own ? `; the certificate itself ${isoDay(own)}` : ''}`;
}

/**
 * The date a finding's days left count to, with where it came from when not from IAM's listing:
 * `2026-12-11T00:00:00Z (from the certificate body; IAM lists none)`. `undefined` when no date is known.
 */
export function expiryText(finding: Finding, date: (d: Date) => string = isoUtc): string | undefined {
  const used = expiryUsed(finding);
  if (!used) return undefined;
  const source = expirySource(finding);
  return source ? `${date(used.at)} (${source})` : date(used.at);
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

const LISTED_REJECTED = 3;

/** "Not taken: shop-2029: not valid until 2026-12-05; …; and 2 more." — or nothing. */
export function rejectedSentence(renewal: Renewal, code: (name: string) => string = (n) => n): string {
  const rejected = renewal.rejected ?? [];
  if (rejected.length === 0) return '';
  const listed = rejected.slice(0, LISTED_REJECTED).map((r) => `${code(r.name)}: ${r.reason}`);
  const more = rejected.length > LISTED_REJECTED ? `; and ${rejected.length - LISTED_REJECTED} more` : '';
  return ` Not taken: ${listed.join('; ')}${more}.`;
}

/** Why the renewal taken was taken when others qualify too, and which. */
function othersSentence(renewal: ChosenRenewal, code: (name: string) => string): string {
  const n = renewal.alsoQualifying.length;
  if (n === 0) return '';
  const also = capped(renewal.alsoQualifying, TEXT_CAPS.alsoQualifying);
  const named = also.shown.map(code).join(', ') + (also.omitted > 0 ? ` and ${also.omitted} more` : '');
  const others = `${plural(n, 'other certificate')} also ${n === 1 ? 'qualifies' : 'qualify'} (${named})`;
  if (renewal.chosenBy === 'tag')
    return ` Taken because its ${RENEWS_TAG} tag names the expiring certificate; ${others}.`;
  if (renewal.chosenBy === 'serving')
    return ` Taken because it alone already serves a place of the expiring certificate; ${others}.`;
  return ` ${others.charAt(0).toUpperCase()}${others.slice(1)}.`;
}

/** Places serving the renewal where the old one is not: not counted as rollout progress. */
function elsewhereSentence(renewal: ChosenRenewal): string {
  const elsewhere = renewal.servedElsewhere ?? [];
  if (elsewhere.length === 0) return '';
  return (
    ` It also serves ${plural(distinctPlaces(elsewhere), 'place')} where the expiring certificate is not ` +
    `(${elsewhere.slice(0, 2).map(describeUsage).join('; ')}${elsewhere.length > 2 ? '; …' : ''}): not counted, ` +
    'since the scan cannot tell whether it replaced the expiring one there.'
  );
}

/**
 * One paragraph on the renewal, e.g. "Renewal partly rolled out: 2 of 3 places already serve `payments-2027`;
 * still on the expiring certificate: ALB shop (eu-west-1) HTTPS:443." Absent when it was not looked for.
 */
export function renewalSentence(finding: Finding, code: (name: string) => string = (n) => n): string | undefined {
  const renewal = finding.renewal;
  if (!renewal) return undefined;
  const sentence = iamRenewalSentence(finding, renewal, code);
  return `${sentence}${acmSentence(finding, code)}`;
}

function iamRenewalSentence(finding: Finding, renewal: Renewal, code: (name: string) => string): string {
  const unchecked =
    renewal.unchecked > 0
      ? ` (${plural(renewal.unchecked, 'possible renewal')} could not be read, so one may exist.)`
      : '';
  switch (renewal.state) {
    case 'none':
      return (
        'No renewal in IAM: no other certificate qualifies (valid now, expires later, covers all of its names, ' +
        `key no weaker, not self-signed unless it is).${unchecked}${rejectedSentence(renewal, code)}`
      );
    case 'ambiguous':
      return (
        `${plural(renewal.alsoQualifying.length, 'certificate')} qualify as its renewal ` +
        `(${renewal.alsoQualifying.map(code).join(', ')}) and none serves its places yet, so none is switched to. ` +
        `Choose: tag the one to use with ${RENEWS_TAG}=${finding.certificate.name} (command below); the next run ` +
        `then gives the switch commands.${rejectedSentence(renewal, code)}`
      );
    default:
      return chosenRenewalSentence(renewal, code);
  }
}

function chosenRenewalSentence(renewal: ChosenRenewal, code: (name: string) => string): string {
  const name = code(renewal.certificate.name);
  const expires = renewal.certificate.expiration ? ` (expires ${isoDay(renewal.certificate.expiration)})` : '';
  const others = othersSentence(renewal, code) + rejectedSentence(renewal, code) + elsewhereSentence(renewal);
  switch (renewal.state) {
    case 'uploaded':
      return `Renewal ready: ${name}${expires} is uploaded but serves none of its places yet; switch to it below.${others}`;
    case 'rolled-out':
      return `Replaced by ${name}${expires}: nothing found serves the expiring certificate any more.${others}`;
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
