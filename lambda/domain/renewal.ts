/**
 * Finding a flagged certificate's renewal among the account's other IAM certificates, and where its rollout
 * stands. A renewal expires later, is not itself flagged, and its DNS names cover every name of the flagged one
 * (host-coverage.ts). Pure: bodies and usages come in as data.
 */
import { coversAll } from './host-coverage';
import type { CertificateUsage, Finding, Renewal, ServerCertificate } from './types';

/** At most this many possible renewals are read per run (one `iam:GetServerCertificate` each). */
export const MAX_RENEWAL_CANDIDATE_READS = 100;

export interface RenewalCandidates {
  /** Bodies worth reading, most likely renewals first, at most the cap. */
  readonly toRead: readonly ServerCertificate[];
  /** Possible renewals left unread because of the cap. */
  readonly notRead: readonly ServerCertificate[];
}

/** `payments-2026`, `payments_20260301` → `payments`: names of renewals usually share a stem. */
export function nameStem(name: string): string {
  return name.toLowerCase().replace(/[-_.]?(19|20)\d{2}(\d{2}){0,2}([-_.]?v?\d+)?$/, '');
}

/** Whether a certificate has a known expiry later than `than` (any known expiry when `than` is unknown). */
export function expiresLater(candidate: ServerCertificate, than: Date | undefined): boolean {
  if (!candidate.expiration) return false;
  return than === undefined || candidate.expiration.getTime() > than.getTime();
}

/**
 * The possible renewals, from the listing alone (the names are in the bodies, not in the listing): not flagged,
 * and expiring later than at least one flagged certificate. Ordered so that the cap cuts the least likely
 * ones: a name sharing a flagged certificate's stem first (an ordering only, never a filter: names are not
 * reliable), then the latest expiry.
 */
export function renewalCandidates(
  certificates: readonly ServerCertificate[],
  flagged: readonly ServerCertificate[],
  cap = MAX_RENEWAL_CANDIDATE_READS,
): RenewalCandidates {
  const flaggedArns = new Set(flagged.map((c) => c.arn));
  const stems = new Set(flagged.map((c) => nameStem(c.name)));
  const possible = certificates.filter(
    (c) => !flaggedArns.has(c.arn) && flagged.some((f) => expiresLater(c, f.expiration)),
  );
  const score = (c: ServerCertificate): number => (stems.has(nameStem(c.name)) ? 0 : 1);
  const ordered = [...possible].sort(
    (a, b) =>
      score(a) - score(b) ||
      (b.expiration?.getTime() ?? 0) - (a.expiration?.getTime() ?? 0) ||
      a.name.localeCompare(b.name),
  );
  return { toRead: ordered.slice(0, cap), notRead: ordered.slice(cap) };
}

/** A read possible renewal: its names, and where it is served. */
export interface KnownCandidate {
  readonly certificate: ServerCertificate;
  readonly hostnames: readonly string[];
  readonly usages: readonly CertificateUsage[];
}

/** One place a certificate can be served: a listener (or distribution), whatever the role. */
function placeKey(u: CertificateUsage): string {
  return [u.region, u.loadBalancerType, u.loadBalancerArn ?? u.loadBalancerName, u.listenerArn ?? '', u.port].join(
    '\u0000',
  );
}

/** How many distinct places (listeners, distributions) these usages are. */
export function distinctPlaces(usages: readonly CertificateUsage[]): number {
  return new Set(usages.map(placeKey)).size;
}

/** How many distinct places serve either certificate. */
export function placesInRollout(renewal: Pick<Renewal, 'alreadyServing' | 'remaining'>): number {
  return distinctPlaces([...renewal.alreadyServing, ...renewal.remaining]);
}

/** Whether the renewal is already on the same listener (an SNI swap then only needs the removal). */
export function servedAtSamePlace(usage: CertificateUsage, renewal: Pick<Renewal, 'alreadyServing'>): boolean {
  const key = placeKey(usage);
  return renewal.alreadyServing.some((u) => placeKey(u) === key);
}

/**
 * The renewal of one flagged certificate, given its names and the candidates read. When several qualify, the
 * one that expires last is taken and the others are named. `unchecked`: possible renewals not read.
 */
export function findRenewal(
  finding: Pick<Finding, 'certificate' | 'usages'>,
  hostnames: readonly string[],
  candidates: readonly KnownCandidate[],
  unchecked: number,
  /** The flagged certificate's expiry when IAM does not list one (from its body). */
  bodyExpiry?: Date,
): Renewal {
  const expiry = finding.certificate.expiration ?? bodyExpiry;
  const qualifying = candidates
    .filter((c) => c.certificate.arn !== finding.certificate.arn)
    .filter((c) => expiresLater(c.certificate, expiry) && coversAll(c.hostnames, hostnames))
    .sort(
      (a, b) =>
        b.certificate.expiration!.getTime() - a.certificate.expiration!.getTime() ||
        a.certificate.name.localeCompare(b.certificate.name),
    );
  const remaining = finding.usages;
  const chosen = qualifying[0];
  if (!chosen) return { state: 'none', hostnames: [], alreadyServing: [], remaining, alsoQualifying: [], unchecked };
  const alreadyServing = chosen.usages;
  const state = remaining.length === 0 ? 'rolled-out' : alreadyServing.length === 0 ? 'uploaded' : 'partly-rolled-out';
  return {
    state,
    certificate: chosen.certificate,
    hostnames: chosen.hostnames,
    alreadyServing,
    remaining,
    alsoQualifying: qualifying.slice(1).map((c) => c.certificate.name),
    unchecked,
  };
}
