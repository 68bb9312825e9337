/**
 * The date a flagged certificate stops working for clients, once its body is known: IAM's `Expiration`, or the
 * body's notAfter when IAM lists no usable one, or an IAM chain certificate's notAfter when that comes first
 * (clients reject the whole chain from then on). Pure.
 */
import { usableDate } from './classify';
import type { CertificateDetails, ExpiryEvidence, Finding, ServerCertificate } from './types';

export interface EffectiveExpiry {
  readonly at: Date;
  /** Absent when IAM's listing gives the date (and nothing in the chain expires earlier). */
  readonly evidence?: ExpiryEvidence;
}

/** The leaf's own expiry: IAM's listing, else the body's notAfter. */
export function leafExpiry(certificate: ServerCertificate, details?: CertificateDetails): Date | undefined {
  return usableDate(certificate.expiration) ?? usableDate(details?.notAfter);
}

export function effectiveExpiry(
  certificate: ServerCertificate,
  details?: CertificateDetails,
): EffectiveExpiry | undefined {
  const listed = usableDate(certificate.expiration);
  const leaf = leafExpiry(certificate, details);
  if (!leaf) return undefined;
  const chain = details?.chainExpiry;
  if (chain && chain.notAfter.getTime() < leaf.getTime()) {
    return { at: chain.notAfter, evidence: { source: 'chain', notAfter: chain.notAfter, subject: chain.subject } };
  }
  return listed ? { at: listed } : { at: leaf, evidence: { source: 'body', notAfter: leaf } };
}

/**
 * The date a finding's severity and days left count to, and where it came from: `iam`, IAM's listed `Expiration`;
 * `body`, the body's notAfter (IAM lists none); `chain`, the chain certificate `subject`'s.
 */
export type ExpiryUsed =
  | { readonly at: Date; readonly source: 'iam' | 'body' }
  | { readonly at: Date; readonly source: 'chain'; readonly subject: string };

/** What a finding was classified by (its evidence, else IAM's listing); `undefined` when its expiry is unknown. */
export function expiryUsed(finding: Pick<Finding, 'certificate' | 'expiryEvidence'>): ExpiryUsed | undefined {
  const evidence = finding.expiryEvidence;
  if (evidence?.source === 'chain') return { at: evidence.notAfter, source: 'chain', subject: evidence.subject };
  if (evidence?.source === 'body') return { at: evidence.notAfter, source: 'body' };
  const listed = usableDate(finding.certificate.expiration);
  return listed ? { at: listed, source: 'iam' } : undefined;
}
