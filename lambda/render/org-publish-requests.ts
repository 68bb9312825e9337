/**
 * The organization run's SNS Publish requests (pure): the org digest (attribute `scope=organization`), in
 * numbered parts when it would pass the SNS limit, and one alert per account with findings (attributes
 * `scope=account`, `account=<id>`), rendered and split exactly as in single-account mode.
 */
import { isQuiet, orgWorstSeverity, type OrgReport } from '../domain/org-report';
import type { JsonReport } from './json-report';
import { renderOrgChatbotNotification } from './org-chatbot';
import { renderOrgEmailText } from './org-email-text';
import { renderOrgJsonReport } from './org-json-report';
import { renderOrgSubject, type AccountSection, type OrgDigestView } from './org-view';
import {
  SNS_MAX_PUBLISH_BYTES,
  publishRequestBytes,
  renderPublishRequests,
  type PublishRequest,
  type SnsMessageByProtocol,
} from './publish-requests';
import type { PartInfo } from './render-view';

/** The `scope` message attribute: subscription filter policies tell the digest from account messages by it. */
export const SCOPE = { organization: 'organization', account: 'account' } as const;

export interface OrgPublishRequest {
  readonly subject: string;
  readonly message: string;
  readonly messageAttributes: Readonly<Record<string, string>>;
}

export interface OrgPublishRequests {
  readonly digest: readonly OrgPublishRequest[];
  readonly accounts: readonly OrgPublishRequest[];
}

export interface RenderOrgPublishOptions {
  /** @default SNS_MAX_PUBLISH_BYTES */
  readonly maxBytes?: number;
  /** Accounts listed in the digest overview, per list (with findings; not checked). @default 100 */
  readonly overviewLimit?: number;
}

const PLACEHOLDER_PART: PartInfo = { number: 999_999, total: 999_999 };
/** Room for the part numbers, and for the `scope` attribute the account messages gain. */
const MARGIN_BYTES = 1024;

export function renderOrgPublishRequests(org: OrgReport, options: RenderOrgPublishOptions = {}): OrgPublishRequests {
  const maxBytes = options.maxBytes ?? SNS_MAX_PUBLISH_BYTES;
  const overviewLimit = options.overviewLimit ?? 100;
  if (isQuiet(org)) return { digest: [], accounts: [] };

  // Each account's own alert as in single-account mode; its digest sections are the parts of the same alert
  // rendered small enough that one of them plus the overview fits in a digest message.
  const overviewBytes = bytes(renderDigestRequest({ org, sections: [], part: PLACEHOLDER_PART, overviewLimit }));
  const sectionBudget = maxBytes - overviewBytes - MARGIN_BYTES;
  const accounts: OrgPublishRequest[] = [];
  const sections: AccountSection[] = [];
  for (const item of org.accounts) {
    for (const request of renderPublishRequests(item.report, { maxBytes: maxBytes - MARGIN_BYTES }))
      accounts.push(accountRequest(request));
    for (const request of renderPublishRequests(item.report, { maxBytes: sectionBudget })) {
      const variants = JSON.parse(request.message) as SnsMessageByProtocol;
      sections.push({ account: item, email: variants.email, json: JSON.parse(variants.sqs) as JsonReport });
    }
  }

  const groups: AccountSection[][] = [];
  let current: AccountSection[] = [];
  for (const section of sections) {
    const candidate = [...current, section];
    if (
      current.length === 0 ||
      bytes(renderDigestRequest({ org, sections: candidate, part: PLACEHOLDER_PART, overviewLimit })) <= maxBytes
    ) {
      current = candidate;
    } else {
      groups.push(current);
      current = [section];
    }
  }
  groups.push(current);

  const digest = groups.map((group, i) =>
    renderDigestRequest({
      org,
      sections: group,
      overviewLimit,
      ...(groups.length > 1 ? { part: { number: i + 1, total: groups.length } } : {}),
    }),
  );
  const largest = Math.max(...digest.map(bytes), ...accounts.map(bytes));
  if (largest > maxBytes)
    throw new Error(`Could not fit the organization digest into SNS messages of ${maxBytes} bytes`);
  return { digest, accounts };
}

export function renderDigestRequest(view: OrgDigestView): OrgPublishRequest {
  const text = renderOrgEmailText(view);
  const json = renderOrgJsonReport(view);
  const byProtocol: SnsMessageByProtocol = {
    default: text,
    email: text,
    https: renderOrgChatbotNotification(view),
    sqs: json,
    lambda: json,
    'email-json': json,
  };
  return {
    subject: renderOrgSubject(view),
    message: JSON.stringify(byProtocol),
    messageAttributes: { scope: SCOPE.organization, severity: orgWorstSeverity(view.org) },
  };
}

/** An account's alert as in single-account mode, plus `scope=account` for subscription filter policies. */
function accountRequest(request: PublishRequest): OrgPublishRequest {
  return { ...request, messageAttributes: { ...request.messageAttributes, scope: SCOPE.account } };
}

/** Publish bytes as SNS counts them (message, subject, every attribute's name, type and value). */
function bytes(request: OrgPublishRequest): number {
  return publishRequestBytes(request as unknown as PublishRequest);
}
