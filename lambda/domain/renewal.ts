/**
 * Finding a flagged certificate's renewal among the account's other IAM certificates, and where its rollout
 * stands. A renewal qualifies by the rules of renewal-qualification.ts and is not itself flagged. Pure: bodies,
 * tags and usages come in as data.
 */
import { leafExpiry } from './effective-expiry';
import { coversAny, rejectionReason, type CandidateFacts, type ReplacedFacts } from './renewal-qualification';
import type { CertificateUsage, ChosenRenewal, Finding, RejectedCandidate, Renewal, ServerCertificate } from './types';
import { placeKey } from './usage-place';

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

/** A read possible renewal: its names, what its body says, its `renews` tag, and where it is served. */
export interface KnownCandidate {
  readonly certificate: ServerCertificate;
  readonly hostnames: readonly string[];
  readonly usages: readonly CertificateUsage[];
  readonly facts: CandidateFacts;
  /** Its `cert-expiry-monitor:renews` tag (read only when several qualify). */
  readonly renews?: string;
}

/** How many distinct places (listeners, distributions) these usages are. */
export function distinctPlaces(usages: readonly CertificateUsage[]): number {
  return new Set(usages.map(placeKey)).size;
}

/** The renewal taken (uploaded, partly or fully rolled out); undefined when none is, or none was looked for. */
export function chosenRenewal(renewal: Renewal | undefined): ChosenRenewal | undefined {
  if (renewal === undefined || renewal.state === 'none' || renewal.state === 'ambiguous') return undefined;
  return renewal;
}

/** Places of the expiring certificate that serve its renewal already: none until one is taken. */
export function alreadyServing(renewal: Renewal): readonly CertificateUsage[] {
  return chosenRenewal(renewal)?.alreadyServing ?? [];
}

/** How many distinct places serve either certificate. */
export function placesInRollout(renewal: Renewal): number {
  return distinctPlaces([...alreadyServing(renewal), ...renewal.remaining]);
}

/** Whether the renewal is already on the same listener (an SNI swap then only needs the removal). */
export function servedAtSamePlace(usage: CertificateUsage, renewal: Pick<ChosenRenewal, 'alreadyServing'>): boolean {
  const key = placeKey(usage);
  return renewal.alreadyServing.some((u) => placeKey(u) === key);
}

/**
 * The candidates that qualify as the renewal of `replaced`, and those that cover at least one of its names but
 * do not qualify, with the reason.
 */
export function qualify<T extends { readonly certificate: { readonly name: string; readonly arn: string } }>(
  candidates: readonly (T & { readonly facts: CandidateFacts })[],
  replaced: ReplacedFacts & { readonly arn: string },
  now: Date,
): { readonly qualifying: T[]; readonly rejected: RejectedCandidate[] } {
  const qualifying: T[] = [];
  const rejected: RejectedCandidate[] = [];
  for (const candidate of candidates) {
    // A certificate that covers none of the names is unrelated, not a rejected renewal: not listed.
    if (candidate.certificate.arn === replaced.arn || !coversAny(candidate.facts, replaced)) continue;
    const reason = rejectionReason(candidate.facts, replaced, now);
    if (reason === undefined) qualifying.push(candidate);
    else rejected.push({ name: candidate.certificate.name, reason });
  }
  return { qualifying, rejected };
}

/** What the old certificate's body says, for the rules (its expiry: IAM's listing, else the body's). */
export function replacedFacts(
  finding: Pick<Finding, 'certificate' | 'details'>,
  hostnames: readonly string[],
): ReplacedFacts & { readonly arn: string } {
  const expiry = leafExpiry(finding.certificate, finding.details);
  return {
    arn: finding.certificate.arn,
    hostnames,
    ...(expiry ? { expiry } : {}),
    ...(finding.details ? { key: finding.details.key } : {}),
    selfSigned: finding.details?.selfSigned ?? false,
  };
}

/** Which of several qualifying candidates is the renewal: the one tagged for it, else the one serving its places. */
function choose(
  qualifying: readonly KnownCandidate[],
  oldName: string,
  atOldPlaces: (c: KnownCandidate) => boolean,
): { chosen?: KnownCandidate; by?: 'tag' | 'serving'; pool: readonly KnownCandidate[] } {
  if (qualifying.length <= 1) return { chosen: qualifying[0], pool: qualifying };
  const tagged = qualifying.filter((c) => c.renews === oldName);
  if (tagged.length === 1) return { chosen: tagged[0], by: 'tag', pool: qualifying };
  const pool = tagged.length > 1 ? tagged : qualifying;
  const serving = pool.filter(atOldPlaces);
  if (serving.length === 1) return { chosen: serving[0], by: 'serving', pool: qualifying };
  return { pool };
}

/**
 * The renewal of one flagged certificate, among the candidates read (the rules: renewal-qualification.ts). When
 * several qualify, a `renews` tag naming the old certificate decides, else the one candidate that already serves
 * a place of the old one; otherwise the state is `ambiguous` and every qualifying one is named. Only places that
 * serve the old certificate count as "already serving"; the renewal's other places are `servedElsewhere`.
 * `unchecked`: possible renewals not read.
 */
export function findRenewal(
  finding: Pick<Finding, 'certificate' | 'usages' | 'details'>,
  hostnames: readonly string[],
  candidates: readonly KnownCandidate[],
  unchecked: number,
  now: Date,
): Renewal {
  const { qualifying, rejected } = qualify(candidates, replacedFacts(finding, hostnames), now);
  const remaining = finding.usages;
  const oldPlaces = new Set(remaining.map(placeKey));
  const atOldPlaces = (c: KnownCandidate): boolean => c.usages.some((u) => oldPlaces.has(placeKey(u)));
  const { chosen, by, pool } = choose(qualifying, finding.certificate.name, atOldPlaces);
  const names = (list: readonly KnownCandidate[]): string[] => list.map((c) => c.certificate.name);
  const base = { remaining, unchecked, ...(rejected.length > 0 ? { rejected } : {}) };
  if (!chosen) {
    return pool.length > 1 ? { ...base, state: 'ambiguous', alsoQualifying: names(pool) } : { ...base, state: 'none' };
  }
  const alreadyServing = chosen.usages.filter((u) => oldPlaces.has(placeKey(u)));
  const servedElsewhere = chosen.usages.filter((u) => !oldPlaces.has(placeKey(u)));
  const state = remaining.length === 0 ? 'rolled-out' : alreadyServing.length === 0 ? 'uploaded' : 'partly-rolled-out';
  return {
    ...base,
    state,
    certificate: chosen.certificate,
    hostnames: chosen.hostnames,
    alreadyServing,
    alsoQualifying: names(pool.filter((c) => c !== chosen)),
    ...(by ? { chosenBy: by } : {}),
    ...(servedElsewhere.length > 0 && remaining.length > 0 ? { servedElsewhere } : {}),
  };
}
