/**
 * The date a flagged certificate stops working for clients, once its body is known: IAM's `Expiration`, or the
 * body's notAfter when IAM lists no usable one, or an IAM chain certificate's notAfter when that comes first
 * (clients reject the whole chain from then on). Pure.
 */
import { usableDate } from './classify';
import type { CertificateDetails, ExpiryEvidence, ServerCertificate } from './types';

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
