/**
 * What one rendering of the organization's publish requests holds (pure), read from the requests themselves: the
 * digest parts' machine report (the `sqs` variant) says which accounts have a section, which sections are one line,
 * and how many accounts the last part counts without one. Fields an older digest lacks count as 0.
 */
import type { OrgPublishRequest, OrgPublishRequests } from '../lambda/render/org-publish-requests';
import { publishRequestBytes, SNS_MAX_PUBLISH_BYTES, type PublishRequest } from '../lambda/render/publish-requests';

export interface OrgDigestSummary {
  readonly digestParts: number;
  /** Distinct accounts whose report is in some digest part. */
  readonly accountsWithSection: number;
  /** `sectionsOmitted` of the last part: accounts with findings counted, not shown. */
  readonly accountsCountedWithoutSection: number;
  /** Sections that are one line (`unrenderedSections`, every part). */
  readonly unrenderedSections: number;
  readonly accountMessages: number;
  /** Largest Publish request as SNS counts it (message, subject, attributes). */
  readonly largestRequestBytes: number;
  readonly totalBytes: number;
}

interface DigestJson {
  readonly reports?: readonly { readonly account: { readonly id: string } }[];
  readonly sectionsOmitted?: number;
  readonly unrenderedSections?: readonly unknown[];
}

export function summariseOrgRequests(requests: OrgPublishRequests): OrgDigestSummary {
  const parts = requests.digest.map(
    (request) => JSON.parse((JSON.parse(request.message) as { sqs: string }).sqs) as DigestJson,
  );
  const bytesOf = (r: OrgPublishRequest) => publishRequestBytes(r as PublishRequest);
  const digestSizes = requests.digest.map(bytesOf);
  let largestRequestBytes = Math.max(0, ...digestSizes);
  let totalBytes = digestSizes.reduce((a, b) => a + b, 0);
  // The account messages render as they are iterated: measured one at a time, as the publisher sends them.
  let accountMessages = 0;
  for (const request of requests.accounts) {
    const size = bytesOf(request);
    accountMessages += 1;
    largestRequestBytes = Math.max(largestRequestBytes, size);
    totalBytes += size;
  }
  return {
    digestParts: parts.length,
    accountsWithSection: new Set(parts.flatMap((p) => (p.reports ?? []).map((r) => r.account.id))).size,
    accountsCountedWithoutSection: parts[parts.length - 1]?.sectionsOmitted ?? 0,
    unrenderedSections: parts.reduce((n, p) => n + (p.unrenderedSections?.length ?? 0), 0),
    accountMessages,
    largestRequestBytes,
    totalBytes,
  };
}

/**
 * What a summary breaks: a request over the SNS Publish limit, 262,144 bytes (not characters):
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sns/aws.sdk.kotlin.services.sns.model/-publish-request/message.html
 */
export function summaryProblems(summary: OrgDigestSummary, maxBytes = SNS_MAX_PUBLISH_BYTES): string[] {
  return summary.largestRequestBytes > maxBytes
    ? [`a request of ${summary.largestRequestBytes} bytes is over the ${maxBytes}-byte SNS Publish limit`]
    : [];
}
