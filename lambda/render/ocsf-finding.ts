/**
 * Pure: each flagged certificate as one OCSF Detection Finding (class_uid 2004, category Findings) of OCSF 1.6.0,
 * the version Security Hub reads (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-ocsf.html),
 * with the cloud profile. The class: https://schema.ocsf.io/1.6.0/classes/detection_finding. The same finding as
 * the Security Hub CSPM one (asff-finding.ts): the same uid, title, description, severity tier and remediation.
 * The certificate is the finding's target resource; each place that serves it an affected one.
 * Text a person reads (message, title, description, remediation) passes the email sanitiser, as in ASFF;
 * identifiers and names stay raw for machines (JSON escapes them).
 */
import type { SeverityLabel } from '@aws-sdk/client-securityhub';
import type { CertificateUsage, Finding, Report } from '../domain/types';
import { expiryUsed } from '../domain/effective-expiry';
import { chosenRenewal } from '../domain/renewal';
import { unreachable } from '../domain/usage-place';
import { jsonRaw } from '../text/sanitise';
import {
  FINDING_GENERATOR_ID,
  FINDING_SEVERITY,
  FINDING_TYPE,
  findingDescription,
  findingId,
  findingRecommendation,
  findingTitle,
  RECOMMENDATION_URL,
} from './asff-finding';
import { expiryTier } from './coverage-text';
import { renewalStateOf, usagesComplete } from './finding-facts';
import { isoUtc } from './format';
import { partitionOf } from './remediation';
import { usageRecord } from './usage-record';

export const OCSF_VERSION = '1.6.0';
const PRODUCT = 'iam-cert-expiry-monitor';

const CLASS = { class_uid: 2004, class_name: 'Detection Finding', category_uid: 2, category_name: 'Findings' };
/** Create: each run reports what it finds now; OCSF's type_uid is class_uid * 100 + activity_id. */
const ACTIVITY = { activity_id: 1, activity_name: 'Create', type_uid: 200401, type_name: 'Detection Finding: Create' };

/** OCSF severity_id and its caption, by the Security Hub label the same finding gets (its expiry tier). */
const SEVERITY: Readonly<Record<SeverityLabel, { readonly severity_id: number; readonly severity: string }>> = {
  CRITICAL: { severity_id: 5, severity: 'Critical' },
  HIGH: { severity_id: 4, severity: 'High' },
  MEDIUM: { severity_id: 3, severity: 'Medium' },
  LOW: { severity_id: 2, severity: 'Low' },
  INFORMATIONAL: { severity_id: 1, severity: 'Informational' },
};

/** resource_details.role_id: the certificate is the Target (1), a place that serves it is Affected (3). */
const TARGET = { role_id: 1, role: 'Target' } as const;
const AFFECTED = { role_id: 3, role: 'Affected' } as const;

export interface OcsfResource {
  readonly uid: string;
  readonly name: string;
  readonly type: string;
  readonly role_id: number;
  readonly role: string;
  readonly cloud_partition: string;
  readonly region?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface OcsfDetectionFinding {
  readonly metadata: {
    readonly version: string;
    readonly product: { readonly name: string; readonly vendor_name: string };
    readonly profiles: readonly string[];
    readonly event_code: string;
  };
  readonly class_uid: number;
  readonly class_name: string;
  readonly category_uid: number;
  readonly category_name: string;
  readonly activity_id: number;
  readonly activity_name: string;
  readonly type_uid: number;
  readonly type_name: string;
  /** When the scan ran, in milliseconds since the epoch (OCSF timestamp_t). */
  readonly time: number;
  readonly severity_id: number;
  readonly severity: string;
  readonly is_alert: true;
  readonly message: string;
  readonly finding_info: {
    readonly uid: string;
    readonly title: string;
    readonly desc: string;
    readonly types: readonly string[];
    readonly analytic: { readonly uid: string; readonly name: string; readonly type_id: 1; readonly type: 'Rule' };
  };
  readonly cloud: {
    readonly provider: 'AWS';
    readonly account: { readonly uid: string; readonly name?: string; readonly type_id: 10; readonly type: string };
  };
  readonly resources: readonly OcsfResource[];
  readonly remediation: { readonly desc: string; readonly references: readonly string[] };
}

export function ocsfFinding(finding: Finding, report: Report): OcsfDetectionFinding {
  const partition = partitionOf(finding.certificate.arn);
  const title = findingTitle(finding);
  return {
    metadata: {
      version: OCSF_VERSION,
      product: { name: PRODUCT, vendor_name: PRODUCT },
      profiles: ['cloud'],
      event_code: FINDING_GENERATOR_ID,
    },
    ...CLASS,
    ...ACTIVITY,
    time: report.generatedAt.getTime(),
    ...SEVERITY[FINDING_SEVERITY[expiryTier(finding)]],
    is_alert: true,
    message: title,
    finding_info: {
      uid: findingId(report.accountId, finding.certificate.id),
      title,
      desc: findingDescription(finding, report),
      types: [FINDING_TYPE],
      analytic: { uid: FINDING_GENERATOR_ID, name: 'IAM server certificate expiry', type_id: 1, type: 'Rule' },
    },
    cloud: {
      provider: 'AWS',
      account: {
        uid: report.accountId,
        ...(report.accountAlias ? { name: jsonRaw(report.accountAlias) } : {}),
        type_id: 10,
        type: 'AWS Account',
      },
    },
    resources: [
      certificateResource(finding, report, partition),
      ...finding.usages.map((u) => placeResource(u, partition)),
    ],
    remediation: { desc: findingRecommendation(finding, report), references: [RECOMMENDATION_URL] },
  };
}

export function ocsfFindings(reports: readonly Report[]): OcsfDetectionFinding[] {
  return reports.flatMap((report) => report.findings.map((f) => ocsfFinding(f, report)));
}

/** A JSON array of findings, as Prowler's json-ocsf output is; `[]` on a quiet day. */
export function renderOcsf(reports: readonly Report[]): string {
  return `${JSON.stringify(ocsfFindings(reports), null, 2)}\n`;
}

function certificateResource(finding: Finding, report: Report, partition: string): OcsfResource {
  const { certificate } = finding;
  const expiry = expiryUsed(finding);
  return {
    uid: jsonRaw(certificate.arn),
    name: jsonRaw(certificate.name),
    type: 'AWS::IAM::ServerCertificate',
    ...TARGET,
    cloud_partition: partition,
    data: {
      certificateId: certificate.id,
      path: jsonRaw(certificate.path),
      severity: finding.severity,
      daysLeft: finding.daysLeft ?? null,
      expiration: expiry ? isoUtc(expiry.at) : null,
      expirationSource: expiry?.source ?? null,
      thresholdDays: finding.thresholdDays,
      owner: finding.owner !== undefined ? jsonRaw(finding.owner) : null,
      hostnames: (finding.hostnames ?? []).map(jsonRaw),
      renewalState: renewalStateOf(finding),
      renewalCertificate: chosenRenewal(finding.renewal)?.certificate.name ?? null,
      usageCount: finding.usages.length,
      // False when a region or service could not be read: more places may serve it.
      usagesComplete: usagesComplete(report),
    },
  };
}

/** A place that serves the certificate, named by the CloudFormation type of what holds the certificate. */
function placeResource(usage: CertificateUsage, partition: string): OcsfResource {
  const record = usageRecord(usage);
  const data = { ...record, name: jsonRaw(record.name), aliases: record.aliases.map(jsonRaw) };
  const common = { ...AFFECTED, cloud_partition: partition, data };
  switch (usage.kind) {
    case 'listener':
      return usage.type === 'classic'
        ? {
            uid: jsonRaw(`${usage.name}:${usage.port}`),
            name: jsonRaw(`${usage.name}:${usage.port}`),
            type: 'AWS::ElasticLoadBalancing::LoadBalancer',
            region: usage.region,
            ...common,
          }
        : {
            uid: jsonRaw(usage.listenerArn ?? usage.arn ?? `${usage.name}:${usage.port}`),
            name: jsonRaw(`${usage.name}:${usage.port}`),
            type: 'AWS::ElasticLoadBalancingV2::Listener',
            region: usage.region,
            ...common,
          };
    case 'distribution':
      return {
        uid: jsonRaw(usage.arn ?? usage.id),
        name: jsonRaw(usage.id),
        type: 'AWS::CloudFront::Distribution',
        ...common,
      };
    default:
      return unreachable(usage);
  }
}
