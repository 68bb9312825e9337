/**
 * ACM (JSON 1.1, `X-Amz-Target: CertificateManager.<Op>`): the caller's certificates in the request's region.
 * - ListCertificates: `CertificateStatuses`, `Includes.keyTypes` (absent: only RSA_1024 and RSA_2048 keys, as the
 *   Filters reference says), `SortBy`/`SortOrder` (both or neither), `MaxItems` 1-1000 and `NextToken`; at most
 *   100 names in `SubjectAlternativeNameSummaries`.
 *   https://docs.aws.amazon.com/acm/latest/APIReference/API_ListCertificates.html
 *   https://docs.aws.amazon.com/acm/latest/APIReference/API_Filters.html
 *   https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateSummary.html
 * - DescribeCertificate: https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html
 * - ListTagsForCertificate: https://docs.aws.amazon.com/acm/latest/APIReference/API_ListTagsForCertificate.html
 * Errors: ValidationException (model constraints), InvalidArgsException, InvalidArnException,
 * ResourceNotFoundException.
 */
import type { IndexedAcmCertificate } from '../estate/acm-index';
import { ACM_CERTIFICATE_STATUSES, ACM_KEY_ALGORITHMS, type AcmKeyAlgorithm } from '../estate/acm-scenario';
import { AwsError, validationError } from '../protocols/aws-error';
import type { JsonObject } from '../protocols/identify';
import {
  epochSeconds,
  jsonEnumList,
  jsonInt,
  jsonObject,
  jsonString,
  rejectUnmodelled,
  requireJsonString,
} from '../protocols/json-input';
import { paginate } from '../protocols/paging';
import type { ActionContext, ServiceDefinition } from './service';

/** What ListCertificates returns when `Includes.keyTypes` is absent (Filters: "Default filtering returns only..."). */
export const ACM_DEFAULT_KEY_TYPES: readonly AcmKeyAlgorithm[] = ['RSA_1024', 'RSA_2048'];
const MAX_ITEMS = { min: 1, max: 1000, defaultValue: 1000 };
const MAX_SAN_SUMMARIES = 100;
const ARN_PATTERN = /^arn:[\w+=/,.@-]+:acm:[\w+=/,.@-]*:[0-9]+:[\w+=,.@-]+(\/[\w+=,.@-]+)*$/;

function invalidArgs(): AwsError {
  return new AwsError('InvalidArgsException', 'One or more of request parameters specified is not valid.');
}

function keyUsages(c: IndexedAcmCertificate): string[] {
  return c.keyAlgorithm.startsWith('EC_') ? ['DIGITAL_SIGNATURE'] : ['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT'];
}

const EXTENDED_KEY_USAGES = [
  { Name: 'TLS_WEB_SERVER_AUTHENTICATION', OID: '1.3.6.1.5.5.7.3.1' },
  { Name: 'TLS_WEB_CLIENT_AUTHENTICATION', OID: '1.3.6.1.5.5.7.3.2' },
];

/** CreatedAt and IssuedAt for the certificates ACM issued; ImportedAt for imported ones. */
function lifecycleDates(c: IndexedAcmCertificate) {
  const at = epochSeconds(c.createdAt);
  return c.type === 'IMPORTED' ? { ImportedAt: at } : { CreatedAt: at, IssuedAt: at };
}

function summaryJson(c: IndexedAcmCertificate) {
  return {
    CertificateArn: c.arn,
    DomainName: c.domainName,
    SubjectAlternativeNameSummaries: c.subjectAlternativeNames.slice(0, MAX_SAN_SUMMARIES),
    HasAdditionalSubjectAlternativeNames: c.subjectAlternativeNames.length > MAX_SAN_SUMMARIES,
    Status: c.status,
    Type: c.type,
    KeyAlgorithm: c.keyAlgorithm,
    KeyUsages: keyUsages(c),
    ExtendedKeyUsages: EXTENDED_KEY_USAGES.map((u) => u.Name),
    InUse: c.inUseBy.length > 0,
    Exported: false,
    RenewalEligibility: c.renewalEligibility,
    NotBefore: epochSeconds(c.notBefore),
    NotAfter: epochSeconds(c.notAfter),
    ...lifecycleDates(c),
  };
}

function detailJson(c: IndexedAcmCertificate) {
  const amazonIssued = c.type === 'AMAZON_ISSUED';
  return {
    CertificateArn: c.arn,
    DomainName: c.domainName,
    SubjectAlternativeNames: c.subjectAlternativeNames,
    // Present only for certificates ACM issued publicly (validated by DNS here).
    ...(amazonIssued ? { DomainValidationOptions: c.subjectAlternativeNames.map(dnsValidation) } : {}),
    Serial: c.serial,
    Subject: c.subject,
    Issuer: c.issuer,
    ...lifecycleDates(c),
    Status: c.status,
    NotBefore: epochSeconds(c.notBefore),
    NotAfter: epochSeconds(c.notAfter),
    KeyAlgorithm: c.keyAlgorithm,
    SignatureAlgorithm: c.signatureAlgorithm,
    InUseBy: c.inUseBy,
    Type: c.type,
    KeyUsages: keyUsages(c).map((Name) => ({ Name })),
    ExtendedKeyUsages: EXTENDED_KEY_USAGES,
    ...(c.certificateAuthorityArn ? { CertificateAuthorityArn: c.certificateAuthorityArn } : {}),
    RenewalEligibility: c.renewalEligibility,
    ...(amazonIssued ? { Options: { CertificateTransparencyLoggingPreference: 'ENABLED' } } : {}),
  };
}

function dnsValidation(domain: string) {
  const label = `_${Buffer.from(domain).toString('hex').slice(0, 32)}`;
  return {
    DomainName: domain,
    ValidationDomain: domain,
    ValidationStatus: 'SUCCESS',
    ResourceRecord: { Name: `${label}.${domain}.`, Type: 'CNAME', Value: `${label}.acm-validations.aws.` },
    ValidationMethod: 'DNS',
  };
}

/** The caller's certificate in this region named by `CertificateArn`, or the error ACM answers. */
function requireCertificate({ input, index, region }: ActionContext): IndexedAcmCertificate {
  const arn = requireJsonString(input, 'CertificateArn', 'certificateArn');
  if (arn.length < 20)
    throw validationError(
      'certificateArn',
      arn,
      'Member must have length greater than or equal to 20',
      'ValidationException',
    );
  if (!ARN_PATTERN.test(arn)) {
    const constraint = `Member must satisfy regular expression pattern: ${ARN_PATTERN.source.slice(1, -1)}`;
    throw validationError('certificateArn', arn, constraint, 'ValidationException');
  }
  const [, , , arnRegion, arnAccount] = arn.split(':');
  if (arnRegion !== region || arnAccount !== index.accountId) {
    // ACM's description of InvalidArnException: the ARN names no certificate of this account in this region.
    throw new AwsError(
      'InvalidArnException',
      'The requested Amazon Resource Name (ARN) does not refer to an existing resource.',
    );
  }
  const certificate = index.region(region).acmByArn.get(arn);
  if (!certificate) throw new AwsError('ResourceNotFoundException', `Could not find certificate ${arn}.`);
  return certificate;
}

function listCertificates(input: JsonObject, all: readonly IndexedAcmCertificate[]): string {
  rejectUnmodelled(input, ['CertificateKeyPairOrigins'], 'ListCertificates', 'InvalidArgsException');
  const includes = jsonObject(input, 'Includes') ?? {};
  const unmodelled = ['extendedKeyUsage', 'keyUsage', 'exportOption', 'managedBy'];
  rejectUnmodelled(includes, unmodelled, 'Includes', 'InvalidArgsException');
  const keyTypes = jsonEnumList(includes, 'keyTypes', 'includes.keyTypes', ACM_KEY_ALGORITHMS);
  const wanted = keyTypes && keyTypes.length > 0 ? keyTypes : ACM_DEFAULT_KEY_TYPES;
  const statuses = jsonEnumList(input, 'CertificateStatuses', 'certificateStatuses', ACM_CERTIFICATE_STATUSES);
  const maxItems = jsonInt(input, 'MaxItems', 'maxItems', MAX_ITEMS);
  const sortBy = jsonString(input, 'SortBy');
  const sortOrder = jsonString(input, 'SortOrder');
  if ((sortBy === undefined) !== (sortOrder === undefined)) throw invalidArgs();
  if (sortBy !== undefined && sortBy !== 'CREATED_AT') throw invalidArgs();
  if (sortOrder !== undefined && sortOrder !== 'ASCENDING' && sortOrder !== 'DESCENDING') throw invalidArgs();

  let selected = all.filter((c) => wanted.includes(c.keyAlgorithm) && (!statuses || statuses.includes(c.status)));
  if (sortBy) {
    const direction = sortOrder === 'DESCENDING' ? -1 : 1;
    selected = [...selected].sort((a, b) => direction * (a.createdAt.getTime() - b.createdAt.getTime()));
  }
  const page = paginate(selected, jsonString(input, 'NextToken'), maxItems, invalidArgs());
  return JSON.stringify({
    CertificateSummaryList: page.items.map(summaryJson),
    ...(page.nextMarker !== undefined ? { NextToken: page.nextMarker } : {}),
  });
}

export const acmService: ServiceDefinition = {
  name: 'acm',
  protocol: 'json',
  namespace: 'CertificateManager',
  regional: true,
  actions: {
    ListCertificates: ({ input, index, region }) => listCertificates(input, index.region(region).acm),
    DescribeCertificate: (ctx) => JSON.stringify({ Certificate: detailJson(requireCertificate(ctx)) }),
    ListTagsForCertificate: (ctx) =>
      JSON.stringify({ Tags: requireCertificate(ctx).tags.map(([Key, Value]) => ({ Key, Value })) }),
  },
};
