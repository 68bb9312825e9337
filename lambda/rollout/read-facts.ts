/**
 * What `rollout` knows about one certificate: the same reads as `check` (every place that serves it or a possible
 * renewal, in every region asked for and CloudFront; its body; its renewal by the same rules, IAM and ACM), for this
 * certificate whatever its expiry.
 */
import type { AwsClients } from '../aws/clients';
import { listServerCertificates } from '../aws/iam';
import { examineFlagged } from '../check';
import { classify } from '../domain/classify';
import type { Finding, ObservedCertificateUse, Report, ServerCertificate, Thresholds } from '../domain/types';
import type { ScanSettings } from '../settings';

export interface FactsRequest {
  /** The certificate to roll out: its IAM name or ARN. */
  readonly certificate: string;
  /** `--to`: the renewal's IAM name or ARN. @default the rules choose */
  readonly to?: string;
  readonly regions: ScanSettings['regions'];
  readonly now: Date;
  readonly concurrency: number;
}

export type CertificateFacts =
  | {
      readonly kind: 'found';
      readonly finding: Finding;
      readonly report: Report;
      /** Every place found serving it or a possible renewal. */
      readonly uses: readonly ObservedCertificateUse[];
    }
  | { readonly kind: 'not-found'; readonly reason: string };

/**
 * A window wide enough that the certificate is always examined: the rollout of a certificate that is not near
 * expiry is a choice of the operator's, and its severity is never shown.
 */
const EVERY_EXPIRY: Thresholds = { thresholdDays: 100 * 366, warningDays: 0 };

export async function readCertificateFacts(clients: AwsClients, request: FactsRequest): Promise<CertificateFacts> {
  const { certificates, stopped } = await listServerCertificates(clients.iam);
  const named = (value: string) => (c: ServerCertificate) => c.name === value || c.arn === value;
  const certificate = certificates.find(named(request.certificate));
  if (!certificate) {
    const where = stopped ? ` among the ${certificates.length} listed before the listing stopped (${stopped})` : '';
    return { kind: 'not-found', reason: `no IAM server certificate named ${request.certificate}${where}` };
  }
  const renewal = request.to === undefined ? undefined : certificates.find(named(request.to));
  const classified = classify(certificate, EVERY_EXPIRY, request.now);
  const severity = classified.severity === 'ok' ? 'critical' : classified.severity;
  const { report, uses } = await examineFlagged(clients, {
    certificates,
    evaluation: {
      flagged: [
        {
          certificate,
          severity,
          ...(classified.daysLeft !== undefined ? { daysLeft: classified.daysLeft } : {}),
          thresholdDays: EVERY_EXPIRY.thresholdDays,
        },
      ],
      snoozed: [],
      configurationProblems: [],
    },
    earlierGaps: stopped ? [{ region: 'global', service: 'iam', reason: stopped }] : [],
    thresholds: EVERY_EXPIRY,
    regions: request.regions,
    now: request.now,
    concurrency: request.concurrency,
    ...(renewal ? { namedRenewal: renewal.arn } : {}),
  });
  const finding = report.findings.find((f) => f.certificate.arn === certificate.arn);
  if (!finding) return { kind: 'not-found', reason: `${certificate.name} has no known expiry date` };
  return { kind: 'found', finding, report, uses };
}
