/**
 * ACM in one region, read only: the ISSUED certificates of every key type, and the details of the few whose names
 * match. `ListCertificates` returns only RSA_1024 and RSA_2048 certificates unless `Includes.keyTypes` names the
 * others (Filters: "Default filtering returns only RSA_1024 and RSA_2048 certificates that have at least one
 * domain"), so it asks for all of them.
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_ListCertificates.html
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_Filters.html
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_ListTagsForCertificate.html
 */
import {
  DescribeCertificateCommand,
  type KeyAlgorithm,
  ListTagsForCertificateCommand,
  paginateListCertificates,
  type ACMClient,
} from '@aws-sdk/client-acm';
import { sendOptions } from './send-options';

/** Every value `Filters.keyTypes` accepts (API_Filters, "Valid Values"). */
export const ALL_ACM_KEY_TYPES: KeyAlgorithm[] = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
];

/** A listed ACM certificate: enough to tell whether its names can match (at most 100 SANs are listed). */
export interface AcmSummary {
  readonly arn: string;
  readonly domainName: string;
  readonly subjectAlternativeNames: readonly string[];
  /** More names than the listing holds: describe it to know them all. */
  readonly moreNames: boolean;
}

/** What `DescribeCertificate` says that the renewal rules and the alert need. */
export interface AcmCertificateDetail {
  readonly arn: string;
  readonly domainName: string;
  readonly subjectAlternativeNames: readonly string[];
  readonly status?: string;
  /** AMAZON_ISSUED, IMPORTED, PRIVATE. */
  readonly type?: string;
  readonly keyAlgorithm?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly renewalEligibility?: string;
  readonly subject?: string;
  readonly issuer?: string;
}

/** The ISSUED certificates of every key type in the client's region, across all pages. */
export async function listIssuedAcmCertificates(client: ACMClient, abortSignal?: AbortSignal): Promise<AcmSummary[]> {
  const summaries: AcmSummary[] = [];
  const pages = paginateListCertificates(
    { client, pageSize: 1000, stopOnSameToken: true },
    { CertificateStatuses: ['ISSUED'], Includes: { keyTypes: ALL_ACM_KEY_TYPES } },
    { abortSignal },
  );
  for await (const page of pages) {
    for (const s of page.CertificateSummaryList ?? []) {
      if (!s.CertificateArn) continue;
      summaries.push({
        arn: s.CertificateArn,
        domainName: s.DomainName ?? '',
        subjectAlternativeNames: s.SubjectAlternativeNameSummaries ?? [],
        moreNames: s.HasAdditionalSubjectAlternativeNames === true,
      });
    }
  }
  return summaries;
}

export async function describeAcmCertificate(
  client: ACMClient,
  arn: string,
  abortSignal?: AbortSignal,
): Promise<AcmCertificateDetail> {
  const { Certificate: c } = await client.send(
    new DescribeCertificateCommand({ CertificateArn: arn }),
    sendOptions(abortSignal),
  );
  return {
    arn,
    domainName: c?.DomainName ?? '',
    subjectAlternativeNames: c?.SubjectAlternativeNames ?? [],
    ...(c?.Status ? { status: c.Status } : {}),
    ...(c?.Type ? { type: c.Type } : {}),
    ...(c?.KeyAlgorithm ? { keyAlgorithm: c.KeyAlgorithm } : {}),
    ...(c?.NotBefore ? { notBefore: c.NotBefore } : {}),
    ...(c?.NotAfter ? { notAfter: c.NotAfter } : {}),
    ...(c?.RenewalEligibility ? { renewalEligibility: c.RenewalEligibility } : {}),
    ...(c?.Subject ? { subject: c.Subject } : {}),
    ...(c?.Issuer ? { issuer: c.Issuer } : {}),
  };
}

/** A certificate's tags as a key → value record (ListTagsForCertificate has no paging). */
export async function listAcmCertificateTags(
  client: ACMClient,
  arn: string,
  abortSignal?: AbortSignal,
): Promise<Record<string, string>> {
  const { Tags } = await client.send(
    new ListTagsForCertificateCommand({ CertificateArn: arn }),
    sendOptions(abortSignal),
  );
  const tags: Record<string, string> = {};
  for (const { Key, Value } of Tags ?? []) if (Key !== undefined) tags[Key] = Value ?? '';
  return tags;
}
