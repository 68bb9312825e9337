/**
 * Adds what the certificate bodies say to a report: each finding's hostnames, details and problems, and where
 * its renewal stands. Pure: the bodies were read (and parsed) before, usages come from the same scan.
 */
import { hostnamesOf, type ParsedBody } from './certificate-details';
import { acmRegionsFor, findAcmRenewals, type AcmRegionRead } from './acm-renewal';
import { classifyExpiry } from './classify';
import { effectiveExpiry } from './effective-expiry';
import { sortByUrgency } from './evaluate';
import { matchUsages } from './match-usages';
import { expiresLater, findRenewal, qualify, replacedFacts, type KnownCandidate } from './renewal';
import { factsFromDetails } from './renewal-qualification';
import type { Finding, ObservedCertificateUse, Report, ServerCertificate } from './types';

/** One body read: parsed, or why not (a named problem, never the body itself). */
export type BodyOutcome = { readonly parsed: ParsedBody } | { readonly problem: string };

export interface CertificateKnowledge {
  /** By certificate ARN: the flagged certificates and the possible renewals that were read. */
  readonly bodies: ReadonlyMap<string, BodyOutcome>;
  /** Possible renewals whose bodies were read (or tried). */
  readonly candidates: readonly ServerCertificate[];
  /** Possible renewals left unread (the per-run cap). */
  readonly notRead: readonly ServerCertificate[];
  /** By candidate ARN: its `cert-expiry-monitor:renews` tag, for the candidates whose tags were read. */
  readonly renewsTags?: ReadonlyMap<string, string>;
  /** What ACM said in each region read; absent when ACM was not read. */
  readonly acm?: readonly AcmRegionRead[];
}

/**
 * Per ACM region, the names of the flagged certificates served there whose bodies parsed: where ACM is worth
 * reading, and which of its certificates are worth describing. Empty when nothing flagged is served anywhere.
 */
export function acmNamesByRegion(
  findings: readonly Pick<Finding, 'certificate' | 'usages'>[],
  knowledge: Pick<CertificateKnowledge, 'bodies'>,
): Map<string, string[]> {
  const names = new Map<string, Set<string>>();
  for (const finding of findings) {
    const outcome = knowledge.bodies.get(finding.certificate.arn);
    if (!outcome || !('parsed' in outcome)) continue;
    const hostnames = hostnamesOf(outcome.parsed.details);
    if (hostnames.length === 0) continue;
    for (const region of acmRegionsFor([finding])) {
      const set = names.get(region) ?? new Set<string>();
      hostnames.forEach((h) => set.add(h));
      names.set(region, set);
    }
  }
  return new Map([...names].map(([region, set]) => [region, [...set]]));
}

/** The candidates whose bodies parsed, with their facts, tags and usages; and those that could not be read. */
function readCandidates(
  knowledge: CertificateKnowledge,
  observedUses: readonly ObservedCertificateUse[],
): { known: KnownCandidate[]; unreadable: ServerCertificate[] } {
  const usagesByArn = matchUsages(knowledge.candidates, observedUses);
  const known: KnownCandidate[] = [];
  const unreadable: ServerCertificate[] = [...knowledge.notRead];
  for (const certificate of knowledge.candidates) {
    const outcome = knowledge.bodies.get(certificate.arn);
    if (outcome && 'parsed' in outcome) {
      const hostnames = hostnamesOf(outcome.parsed.details);
      const renews = knowledge.renewsTags?.get(certificate.arn);
      known.push({
        certificate,
        hostnames,
        usages: usagesByArn.get(certificate.arn) ?? [],
        facts: factsFromDetails(hostnames, outcome.parsed.details),
        ...(renews !== undefined ? { renews } : {}),
      });
    } else if (outcome) unreadable.push(certificate);
  }
  return { known, unreadable };
}

/**
 * The candidates whose `renews` tag can decide: those that qualify for a flagged certificate for which more than
 * one qualifies. Their tags are read (one call each), nobody else's.
 */
export function candidatesNeedingRenewsTag(
  flagged: readonly Pick<Finding, 'certificate'>[],
  knowledge: CertificateKnowledge,
  now: Date,
): ServerCertificate[] {
  const { known } = readCandidates(knowledge, []);
  const needed = new Map<string, ServerCertificate>();
  for (const { certificate } of flagged) {
    const outcome = knowledge.bodies.get(certificate.arn);
    if (!outcome || !('parsed' in outcome)) continue;
    const { details } = outcome.parsed;
    const facts = replacedFacts({ certificate, details }, hostnamesOf(details));
    if (facts.hostnames.length === 0) continue;
    const { qualifying } = qualify(known, facts, now);
    if (qualifying.length > 1) for (const c of qualifying) needed.set(c.certificate.arn, c.certificate);
  }
  return [...needed.values()];
}

export function addCertificateKnowledge(
  report: Report,
  knowledge: CertificateKnowledge,
  observedUses: readonly ObservedCertificateUse[],
): Report {
  const { known, unreadable } = readCandidates(knowledge, observedUses);

  const enrich = (finding: Finding): Finding => {
    const outcome = knowledge.bodies.get(finding.certificate.arn);
    if (!outcome) return finding;
    if ('problem' in outcome) return { ...finding, certificateProblems: [outcome.problem] };
    const { details, problems } = outcome.parsed;
    const hostnames = hostnamesOf(details);
    const enriched: Finding = {
      ...finding,
      hostnames,
      details,
      ...(problems.length > 0 ? { certificateProblems: problems } : {}),
    };
    if (hostnames.length === 0) {
      return {
        ...enriched,
        certificateProblems: [...problems, 'the certificate names no DNS host, so no renewal could be looked for'],
      };
    }
    const expiry = finding.certificate.expiration ?? details.notAfter;
    const unchecked = unreadable.filter((c) => expiresLater(c, expiry)).length;
    const renewal = findRenewal(enriched, hostnames, known, unchecked, report.generatedAt);
    const acm = knowledge.acm ? findAcmRenewals(enriched, hostnames, knowledge.acm, report.generatedAt) : [];
    return { ...enriched, renewal: acm.length > 0 ? { ...renewal, acm } : renewal };
  };
  const enriched = report.findings.map(enrich);
  const findings = enriched.flatMap((f) => reclassified(f, report));
  // Urgency order again only when a date other than IAM's moved a finding.
  const moved = findings.some((f) => f.expiryEvidence) || findings.length !== enriched.length;
  return { ...report, findings: moved ? sortByUrgency(findings) : findings };
}

/**
 * The finding classified by its effective expiry (the body's date when IAM lists none, a chain certificate that
 * expires first). Dropped when that date is outside every window: nothing needs doing.
 */
function reclassified(finding: Finding, report: Report): Finding[] {
  const expiry = effectiveExpiry(finding.certificate, finding.details);
  if (!expiry?.evidence) return [finding];
  const thresholds = { ...report.thresholds, thresholdDays: finding.thresholdDays };
  const { severity, daysLeft } = classifyExpiry(expiry.at, thresholds, report.generatedAt);
  if (severity === 'ok' || severity === 'unknown') return [];
  const dated = { ...finding, daysLeft, expiryEvidence: expiry.evidence };
  // Proven served nowhere stays `unused`: the new date changes only the tier its time-left wording uses.
  return [dated.severity === 'unused' ? { ...dated, expirySeverity: severity } : { ...dated, severity }];
}
