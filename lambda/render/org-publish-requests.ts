/**
 * The organization run's SNS Publish requests (pure): the org digest (attribute `scope=organization`), in
 * numbered parts when it would pass the SNS limit, and one alert per account with findings (attributes
 * `scope=account`, `account=<id>`), rendered and split exactly as in single-account mode.
 */
import { isQuiet, orgWorstSeverity, type AccountWithFindings, type OrgReport } from '../domain/org-report';
import { renderOrgChatbotNotification } from './org-chatbot';
import { renderOrgEmailText } from './org-email-text';
import { renderOrgJsonReport } from './org-json-report';
import { renderOrgSubject, type OrgDigestView } from './org-view';
import { NO_ROOM, renderAccountSection, renderErrorReason, type AccountSection } from './account-section';
import { accountSectionText } from './org-email-text';
import { utf8Bytes } from './format';
import { packIntoParts } from './pack-into-parts';
import { MAX_PARTS } from './list-caps';
import {
  SNS_MAX_PUBLISH_BYTES,
  publishRequestBytes,
  renderPublishRequest,
  renderPublishRequests,
  type PublishRequest,
  type SnsMessageByProtocol,
} from './publish-requests';
import { countsOnlyView, fullView, type PartInfo } from './render-view';
import type { Report } from '../domain/types';

/** The `scope` message attribute: subscription filter policies tell the digest from account messages by it. */
export const SCOPE = { organization: 'organization', account: 'account' } as const;

export interface OrgPublishRequest {
  readonly subject: string;
  readonly message: string;
  readonly messageAttributes: Readonly<Record<string, string>>;
}

export interface OrgPublishRequests {
  readonly digest: readonly OrgPublishRequest[];
  /**
   * Every account's own messages, rendered as they are iterated (thousands of accounts' alerts never sit in memory
   * at once); iterating again renders them again.
   */
  readonly accounts: Iterable<OrgPublishRequest>;
}

export interface RenderOrgPublishOptions {
  /** @default SNS_MAX_PUBLISH_BYTES */
  readonly maxBytes?: number;
  /**
   * Accounts listed in the digest overview, per list (with findings; not checked; every account looked at). Fewer
   * when the overview would take more than half a message. @default 100
   */
  readonly overviewLimit?: number;
}

const PLACEHOLDER_PART: PartInfo = { number: 999_999, total: 999_999 };
/** Room for the part numbers, and for the `scope` attribute the account messages gain. */
const MARGIN_BYTES = 1024;
/**
 * The least an account's section gets, however many accounts have findings: room for its summary and its most
 * urgent certificates, at least one certificate in full with its body's details, fix and renewal (about 16.4 KB
 * as a request, its email, Slack and JSON escaped together). Beyond what MAX_PARTS parts hold, sections are left
 * out and counted.
 */
const MIN_SECTION_BYTES = 20_480;
/** Overview limits tried, largest first, until the overview takes at most half a message. */
const OVERVIEW_LIMITS = [100, 50, 20, 10, 0];

/**
 * The digest, at most MAX_PARTS parts, each opening with the same overview, and each account's own messages.
 * Every account's section is rendered once, within a budget that shares MAX_PARTS parts among the accounts (at
 * least MIN_SECTION_BYTES), and packed in order by its measured size (packIntoParts). An account whose section or
 * alert cannot be rendered is one line; sections beyond the last part are counted. Never throws because of size
 * or of one account.
 */
export function renderOrgPublishRequests(org: OrgReport, options: RenderOrgPublishOptions = {}): OrgPublishRequests {
  const maxBytes = options.maxBytes ?? SNS_MAX_PUBLISH_BYTES;
  if (isQuiet(org)) return { digest: [], accounts: [] };
  const { reportLocation } = org;
  // Every account's report names the organization's run; its own message also names the sinks that could not
  // deliver the organization's report (the digest names them once, at its top).
  const named = (item: AccountWithFindings): AccountWithFindings =>
    org.runId ? { ...item, report: { ...item.report, runId: org.runId } } : item;
  const ownMessage = (item: AccountWithFindings): AccountWithFindings => {
    const { report } = named(item);
    const deliveryFailures = [...(report.deliveryFailures ?? []), ...(org.deliveryFailures ?? [])];
    return { ...item, report: { ...report, deliveryFailures } };
  };

  const widest = (overviewLimit: number): OrgDigestView => ({
    org,
    overviewLimit: Math.min(overviewLimit, options.overviewLimit ?? Infinity),
    sections: [],
    part: PLACEHOLDER_PART,
    sectionsOmitted: org.accounts.length,
  });
  const overviewLimit = OVERVIEW_LIMITS.find((limit) => bytes(renderDigestRequest(widest(limit))) <= maxBytes / 2) ?? 0;
  const empty = widest(overviewLimit);
  const room = maxBytes - bytes(renderDigestRequest(empty)) - MARGIN_BYTES;
  const share = Math.floor((MAX_PARTS * room) / Math.max(1, org.accounts.length));
  const budget = Math.min(room, Math.max(MIN_SECTION_BYTES, share));

  // Sections are rendered as they are packed, and only until the last part is full: the accounts after it are
  // counted, so a run over thousands of accounts renders a few hundred sections.
  const sections = new Map<AccountWithFindings, { readonly section: AccountSection; readonly bytes: number }>();
  const sectionOf = (item: AccountWithFindings) => {
    let rendered = sections.get(item);
    if (!rendered) {
      const section = renderAccountSection(named(item), budget, reportLocation);
      rendered = { section, bytes: sectionBytes(section) };
      sections.set(item, rendered);
    }
    return rendered;
  };
  const sizeOf = (run: readonly AccountWithFindings[]) => run.reduce((n, item) => n + sectionOf(item).bytes, 0);
  const packed = packIntoParts(org.accounts, sizeOf, room, MAX_PARTS);
  const groups = packed.parts.map((run) => run.map((item) => sectionOf(item).section));
  const sectionsOmitted = packed.rest;

  const digest = groups.map((group, i) => {
    const view: OrgDigestView = {
      org,
      overviewLimit: empty.overviewLimit!,
      sections: group,
      ...(groups.length > 1 ? { part: { number: i + 1, total: groups.length } } : {}),
      ...(i === groups.length - 1 && sectionsOmitted > 0 ? { sectionsOmitted } : {}),
    };
    return fitted(view, maxBytes);
  });
  // Re-iterable, and rendered one account at a time as the publisher consumes them.
  const accounts = {
    [Symbol.iterator]: () => accountRequests(org.accounts.map(ownMessage), maxBytes, reportLocation),
  };
  return { digest, accounts };
}

/**
 * Each account's own alert as in single-account mode, one account at a time. An account whose alert cannot be
 * rendered gets its counts instead, with why and where its report is: the digest may have promised it a message.
 */
function* accountRequests(
  items: readonly AccountWithFindings[],
  maxBytes: number,
  reportLocation: string | undefined,
): Generator<OrgPublishRequest> {
  for (const item of items) {
    let requests: OrgPublishRequest[];
    try {
      requests = [...renderPublishRequests(item.report, { maxBytes: maxBytes - MARGIN_BYTES })].map(accountRequest);
    } catch (error) {
      requests = renderFailureNotice(item.report, error, reportLocation);
    }
    yield* requests;
  }
}

/**
 * The counts-only message of an account whose alert failed to render; none when even that fails (the digest's
 * line for the account then says its alert could not be rendered, and where its report is).
 */
function renderFailureNotice(report: Report, error: unknown, reportLocation?: string): OrgPublishRequest[] {
  const renderFailure = { reason: renderErrorReason(error), ...(reportLocation ? { reportLocation } : {}) };
  try {
    const notice = renderPublishRequest(
      countsOnlyView({ ...fullView(report), includeSnoozedAndProblems: false, renderFailure }),
    );
    return [accountRequest(notice)];
  } catch {
    return [];
  }
}

/**
 * The part's request; should the measured plan be off, its last sections become one line each until it fits,
 * and at worst it carries the overview alone.
 */
function fitted(view: OrgDigestView, maxBytes: number): OrgPublishRequest {
  const sections = [...view.sections];
  for (let i = sections.length; i >= 0; i -= 1) {
    const request = renderDigestRequest({ ...view, sections });
    if (bytes(request) <= maxBytes || i === 0) return bytes(request) <= maxBytes ? request : overviewOnly(view);
    const { account } = sections[i - 1]!;
    sections[i - 1] = { kind: 'unrendered', account, reason: NO_ROOM };
  }
  return overviewOnly(view);
}

function overviewOnly(view: OrgDigestView): OrgPublishRequest {
  return renderDigestRequest({
    ...view,
    sections: [],
    sectionsOmitted: (view.sectionsOmitted ?? 0) + view.sections.length,
  });
}

/**
 * What a section adds to a digest message: its text twice (the `default` and `email` variants, joined with one
 * newline) and its report three times (`sqs`, `lambda`, `email-json`, one comma each), all JSON-escaped.
 */
function sectionBytes(section: AccountSection): number {
  const escaped = (s: string) => utf8Bytes(JSON.stringify(s)) - 2;
  const text = escaped(accountSectionText(section)) + 2;
  const json = section.kind === 'rendered' ? escaped(JSON.stringify(section.json)) + 1 : escaped(section.reason) + 100;
  return 2 * text + 3 * json;
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
