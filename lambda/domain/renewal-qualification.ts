/**
 * Whether one certificate may be offered as the renewal of another: the same rules for an IAM and an ACM
 * candidate. A candidate qualifies only when it is valid now (notBefore ≤ now < notAfter),
 * expires later than the old one, covers every name of the old one (RFC 6125, host-coverage.ts), its chain (IAM)
 * is valid now, its key is at least as strong (key-strength.ts), it is not self-signed unless the old one was,
 * and (ACM) its status is ISSUED. Pure.
 */
import { coversAll, normalizeHostname } from './host-coverage';
import { atLeastAsStrong } from './key-strength';
import type { CertificateDetails, CertificateKey } from './types';

/** What the rules need to know about a candidate, wherever it is stored. */
export interface CandidateFacts {
  readonly hostnames: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly key: CertificateKey;
  readonly selfSigned: boolean;
  /** IAM: the chain certificate that becomes valid last / expires first; absent without a chain. */
  readonly chainStart?: CertificateDetails['chainStart'];
  readonly chainExpiry?: CertificateDetails['chainExpiry'];
  /** ACM's status (must be `ISSUED`); absent for IAM. */
  readonly status?: string;
}

/** What the rules need to know about the certificate being replaced. */
export interface ReplacedFacts {
  readonly hostnames: readonly string[];
  /** Its leaf expiry (IAM's listing, else its body's); undefined when unknown. */
  readonly expiry?: Date;
  /** Unknown: sets no bar on the key. */
  readonly key?: CertificateKey;
  readonly selfSigned: boolean;
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

/** A candidate's facts from its parsed body. */
export function factsFromDetails(hostnames: readonly string[], details: CertificateDetails): CandidateFacts {
  return {
    hostnames,
    notBefore: details.notBefore,
    notAfter: details.notAfter,
    key: details.key,
    selfSigned: details.selfSigned,
    ...(details.chainStart ? { chainStart: details.chainStart } : {}),
    ...(details.chainExpiry ? { chainExpiry: details.chainExpiry } : {}),
  };
}

function keyText(key: CertificateKey): string {
  return [key.type, key.curve ?? key.bits].filter((p) => p !== undefined).join(' ');
}

/** Why the candidate does not qualify ("not valid until 2026-12-05"); undefined when it does. First failed rule only. */
export function rejectionReason(candidate: CandidateFacts, replaced: ReplacedFacts, now: Date): string | undefined {
  const t = now.getTime();
  if (candidate.status !== undefined && candidate.status !== 'ISSUED') return `status ${candidate.status}, not ISSUED`;
  if (candidate.notBefore.getTime() > t) return `not valid until ${day(candidate.notBefore)}`;
  if (candidate.notAfter.getTime() <= t) return `expired ${day(candidate.notAfter)}`;
  if (replaced.expiry && candidate.notAfter.getTime() <= replaced.expiry.getTime()) {
    return `expires ${day(candidate.notAfter)}, not later than the old one (${day(replaced.expiry)})`;
  }
  if (!coversAll(candidate.hostnames, replaced.hostnames)) {
    const missing = replaced.hostnames.filter((h) => !coversAll(candidate.hostnames, [h])).map(normalizeHostname);
    return `does not cover ${missing.join(', ')}`;
  }
  if (candidate.chainStart && candidate.chainStart.notBefore.getTime() > t) {
    return `its chain certificate ${candidate.chainStart.subject} is not valid until ${day(candidate.chainStart.notBefore)}`;
  }
  if (candidate.chainExpiry && candidate.chainExpiry.notAfter.getTime() <= t) {
    return `its chain certificate ${candidate.chainExpiry.subject} expired ${day(candidate.chainExpiry.notAfter)}`;
  }
  if (replaced.key && !atLeastAsStrong(candidate.key, replaced.key)) {
    return `key ${keyText(candidate.key)} is weaker than the old one's (${keyText(replaced.key)})`;
  }
  if (candidate.selfSigned && !replaced.selfSigned) return 'self-signed, and the old one is not';
  return undefined;
}

/** Whether the candidate covers at least one name of the replaced certificate (else it is unrelated). */
export function coversAny(
  candidate: Pick<CandidateFacts, 'hostnames'>,
  replaced: Pick<ReplacedFacts, 'hostnames'>,
): boolean {
  return replaced.hostnames.some((h) => coversAll(candidate.hostnames, [h]));
}
