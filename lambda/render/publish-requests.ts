/**
 * Turns a Report into SNS Publish requests (MessageStructure 'json'): one per alert, or numbered self-contained
 * parts when one would pass the SNS limit of 262,144 bytes for the whole request.
 *
 * Message keys by subscriber protocol: `default` (required; any protocol without its own key), `email` (text),
 * `https` (AWS Chatbot subscribes over HTTPS: the custom notification JSON), `sqs`, `lambda` and `email-json`
 * (the machine report). Note: any other HTTPS subscriber also receives the Chatbot JSON.
 */
import type { Subscriber } from '../../contract/subscribers';
import { chosenRenewal } from '../domain/renewal';
import type { Finding, Renewal, Report } from '../domain/types';
import { renderChatbotNotification } from './chatbot';
import { renderEmailText } from './email-text';
import { worstSeverity } from '../domain/severity';
import { utf8Bytes } from './format';
import { renderJsonReport } from './json-report';
import type { PartInfo, RenderView, ViewFinding } from './render-view';
import { fullView } from './render-view';
import { renderSubject } from './subject';
import { MAX_PARTS } from './list-caps';

/** SNS Publish: message plus attributes (and, conservatively, the subject) at most 256 KiB. */
export const SNS_MAX_PUBLISH_BYTES = 262_144;

/** Every attribute is published with this SNS data type. */
export const ATTRIBUTE_DATA_TYPE = 'String';

/** Pass as `MessageStructure` with every request. */
export const MESSAGE_STRUCTURE = 'json';

export interface PublishRequest {
  readonly subject: string;
  /** JSON string for MessageStructure 'json'. */
  readonly message: string;
  /** Published as SNS `String` attributes (usable in subscription filter policies). */
  readonly messageAttributes: {
    /** Worst severity in this message (`expired`, `critical`, `warning`, `unknown`, or `ok`). */
    readonly severity: string;
    /** The AWS account id. */
    readonly account: string;
  };
}

export interface SnsMessageByProtocol {
  readonly default: string;
  readonly email: string;
  readonly https: string;
  readonly sqs: string;
  readonly lambda: string;
  readonly 'email-json': string;
}

/**
 * Bytes of a Publish request as SNS counts them: the message, each attribute's name, data type and value,
 * and (to be safe) the subject, all UTF-8.
 */
export function publishRequestBytes(request: PublishRequest): number {
  return utf8Bytes(request.message) + envelopeBytes(request);
}

/** Everything but the message: the subject and the attributes. */
function envelopeBytes(request: Omit<PublishRequest, 'message'>): number {
  let total = utf8Bytes(request.subject);
  for (const [name, value] of Object.entries(request.messageAttributes)) {
    total += utf8Bytes(name) + utf8Bytes(ATTRIBUTE_DATA_TYPE) + utf8Bytes(value);
  }
  return total;
}

/** A request before its message is assembled: every protocol's variant, already a JSON string literal. */
interface EscapedRequest extends Omit<PublishRequest, 'message'> {
  readonly escaped: SnsMessageByProtocol;
}

function renderEscaped(view: RenderView): EscapedRequest {
  // Each distinct variant escaped once: the report travels three times and the text twice, and escaping
  // hundreds of kilobytes is most of the cost.
  const text = JSON.stringify(renderEmailText(view));
  const json = JSON.stringify(renderJsonReport(view));
  const findings = view.findings.length > 0 ? view.findings.map((f) => f.finding) : view.report.findings;
  return {
    subject: renderSubject(view),
    escaped: {
      default: text,
      email: text,
      https: JSON.stringify(renderChatbotNotification(view)),
      sqs: json,
      lambda: json,
      'email-json': json,
    },
    messageAttributes: {
      severity: worstSeverity(findings),
      account: view.report.accountId,
    },
  };
}

/** The message JSON.stringify(byProtocol) would give, from the escaped variants. */
function assembleMessage(escaped: SnsMessageByProtocol): string {
  return `{${Object.entries(escaped)
    .map(([protocol, value]) => `${JSON.stringify(protocol)}:${value}`)
    .join(',')}}`;
}

/** publishRequestBytes of the assembled request, without assembling it (the message can be hundreds of KB). */
function escapedRequestBytes(request: EscapedRequest): number {
  const entries = Object.entries(request.escaped);
  const braces = 2 + (entries.length - 1); // {...} and the commas
  return (
    braces +
    entries.reduce((n, [protocol, value]) => n + utf8Bytes(JSON.stringify(protocol)) + 1 + utf8Bytes(value), 0) +
    envelopeBytes(request)
  );
}

/** One publish request for one view (the whole report, or one part). */
export function renderPublishRequest(view: RenderView): PublishRequest {
  const { subject, escaped, messageAttributes } = renderEscaped(view);
  return { subject, message: assembleMessage(escaped), messageAttributes };
}

/** publishRequestBytes(renderPublishRequest(view)), without assembling the message (packing measures many views). */
export function measurePublishRequest(view: RenderView): number {
  return escapedRequestBytes(renderEscaped(view));
}

export interface RenderPublishOptions {
  /** @default SNS_MAX_PUBLISH_BYTES */
  readonly maxBytes?: number;
  /** Who is subscribed (the Chatbot message says where the commands are from it). @default - not known */
  readonly subscribers?: readonly Subscriber[];
}

/** A stand-in part number at least as wide as any real one, so measured sizes bound the final ones. */
const PLACEHOLDER_PART: PartInfo = { number: 999_999, total: 999_999 };

interface Group {
  readonly items: ViewFinding[];
}

function view(
  report: Report,
  items: readonly ViewFinding[],
  part: PartInfo,
  first: boolean,
  subscribers: Subscribers,
): RenderView {
  return { report, findings: items, part, includeSnoozedAndProblems: first, ...subscribersOf(subscribers) };
}

type Subscribers = RenderPublishOptions['subscribers'];

function subscribersOf(subscribers: Subscribers): Pick<RenderView, 'subscribers'> {
  return subscribers ? { subscribers } : {};
}

function bytesOf(report: Report, items: readonly ViewFinding[], first: boolean, subscribers: Subscribers): number {
  return measurePublishRequest(view(report, items, PLACEHOLDER_PART, first, subscribers));
}

/** The finding with only its first `keep` usages (and renewal places), the rest counted as omitted. */
function truncated(item: ViewFinding, keep: number): ViewFinding {
  const { renewal } = item.finding;
  const finding: Finding = {
    ...item.finding,
    usages: item.finding.usages.slice(0, keep),
    ...(renewal ? { renewal: renewalPlaces(renewal, keep) } : {}),
  };
  return { ...item, finding, omittedUsages: item.omittedUsages + item.finding.usages.length - keep };
}

/** The renewal with only the first `keep` places on each side of its rollout. */
function renewalPlaces(renewal: Renewal, keep: number): Renewal {
  const remaining = renewal.remaining.slice(0, keep);
  const chosen = chosenRenewal(renewal);
  if (!chosen) return { ...renewal, remaining };
  return { ...chosen, remaining, alreadyServing: chosen.alreadyServing.slice(0, keep) };
}

/** The same finding in the compact rendering (one line per usage, one fix loop per region and action). */
function compacted(item: ViewFinding): ViewFinding {
  return { ...item, rendering: 'compact' };
}

/** Largest usage count that lets this finding fit alone in a message under `budget` (binary search). */
function fitAlone(
  report: Report,
  item: ViewFinding,
  first: boolean,
  budget: number,
  subscribers: Subscribers,
): ViewFinding {
  let lo = 0;
  let hi = item.finding.usages.length - 1; // the full list is known not to fit
  // Too big even without usages: the part becomes the minimal message (renderPublishRequests), never a throw.
  if (bytesOf(report, [truncated(item, 0)], first, subscribers) > budget) return truncated(item, 0);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytesOf(report, [truncated(item, mid)], first, subscribers) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return truncated(item, lo);
}

/**
 * Sums of the sizes certificates have alone tell how big a part of several would be, up to what does not add up
 * (the list of a part's certificates, the capped Slack text, the subject). A part that this estimate puts this
 * far over the limit is not tried; it only decides what is not rendered, never what is sent.
 */
const ESTIMATE_TOLERANCE = 0.1;

/**
 * Packing, in order (most urgent first), never splitting one certificate across parts: each part takes the
 * longest run of certificates that fits, found with a guess from the sizes they have alone, galloping up from
 * what fits and bisecting down to what does not (usually one or two trial renders a part, never one of the
 * whole report). A certificate too big for a message of its own is rendered compact, alone in its part; only if
 * even that is too big are its usages truncated (still compact), saying how many are left out.
 */
export function packParts(
  report: Report,
  budget: number,
  maxGroups: number,
  subscribers: Subscribers,
  rendering: PackRendering = {},
): { groups: Group[]; rest: number } {
  const findings = fullView(report).findings;
  // Each certificate as this plan renders it, prepared only when the packing reaches it.
  const prepared = new Map<number, ViewFinding>();
  const item = (i: number): ViewFinding => {
    if (!prepared.has(i)) {
      let f = rendering.compact ? compacted(findings[i]!) : findings[i]!;
      const most = rendering.perCertificate;
      if (most !== undefined && bytesOf(report, [f], false, subscribers) > most)
        f = fitAlone(report, f, false, most, subscribers);
      prepared.set(i, f);
    }
    return prepared.get(i)!;
  };
  const run = (start: number, k: number) => Array.from({ length: k }, (_, j) => item(start + j));
  const measured = new Map<string, number>();
  const memo = (key: string, measure: () => number): number => {
    if (!measured.has(key)) measured.set(key, measure());
    return measured.get(key)!;
  };
  const empty = (first: boolean) => memo(`empty ${first}`, () => bytesOf(report, [], first, subscribers));
  const alone = (i: number, first: boolean) =>
    memo(`${i} ${first}`, () => bytesOf(report, [item(i)], first, subscribers));

  /** How many certificates from `start` fit in one part (the one at `start` is known to fit alone). */
  const fittingRun = (start: number, first: boolean): number => {
    const base = empty(first);
    const estimate = (k: number) => {
      let total = base;
      for (let j = 0; j < k; j += 1) total += alone(start + j, first) - base;
      return total;
    };
    const fits = (k: number) =>
      estimate(k) <= budget * (1 + ESTIMATE_TOLERANCE) && bytesOf(report, run(start, k), first, subscribers) <= budget;
    const left = findings.length - start;
    let lo = 1; // fits
    let hi = left + 1; // the fewest known not to fit
    const guess = Math.min(left, Math.max(1, Math.floor((budget - base) / Math.max(1, alone(start, first) - base))));
    if (guess > 1) {
      if (fits(guess)) lo = guess;
      else hi = guess;
    }
    for (let step = 1; hi === left + 1 && lo + step <= left; step *= 2) {
      if (fits(lo + step)) lo += step;
      else hi = lo + step;
    }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  };

  const groups: Group[] = [];
  let i = 0;
  // Planning stops at the last part that may name certificates: the rest are only counted.
  for (; i < findings.length && groups.length < maxGroups;) {
    const first = groups.length === 0;
    if (alone(i, first) <= budget) {
      const k = fittingRun(i, first);
      groups.push({ items: run(i, k) });
      i += k;
      continue;
    }
    const compact = compacted(item(i));
    groups.push({
      items: [
        bytesOf(report, [compact], first, subscribers) <= budget
          ? compact
          : fitAlone(report, compact, first, budget, subscribers),
      ],
    });
    i += 1;
  }
  if (groups.length === 0) groups.push({ items: [] });
  return { groups, rest: findings.length - i };
}

/** How a plan renders the certificates: in full, or compact, and at most how big each may be alone. */
export interface PackRendering {
  /** @default false */
  readonly compact?: boolean;
  /** Bytes a certificate may take alone in a message; its usages are truncated to fit. @default no limit */
  readonly perCertificate?: number;
}

/**
 * The least a certificate gets when the run's messages are shared among many: its facts, the fix and its first
 * usages. Beyond what MAX_PARTS messages hold at this size, certificates are counted, not named.
 */
const MIN_CERTIFICATE_BYTES = 8_192;

/**
 * The publish requests for a report, rendered one at a time as they are consumed (a large report's parts are
 * never all in memory at once): one when it fits, else parts `(1/N)`…`(N/N)`, each a complete message (summary
 * with whole-run counts, coverage gaps, its own certificates; snoozed and tag problems in part 1). The packing
 * is planned first, measured with part numbers at least as wide as the real ones. At most MAX_PARTS requests;
 * a part that cannot fit (only with a tiny `maxBytes`) is sent as the minimal message: counts and where the
 * full report is.
 */
export function* renderPublishRequests(report: Report, options: RenderPublishOptions = {}): Generator<PublishRequest> {
  const maxBytes = options.maxBytes ?? SNS_MAX_PUBLISH_BYTES;
  // At most MAX_PARTS messages, naming every certificate when they can: in full; else compact (one line per usage,
  // one fix loop per region and action); else compact with the messages shared among the certificates (each one's
  // usages truncated to its share, counted). When even that cannot name them all, truncating helps no one: the most
  // urgent are named as in full, and the last message counts the others.
  const plan = (parts: number, rendering: PackRendering) =>
    packParts(report, maxBytes, parts, options.subscribers, rendering);
  const emptyPart = measurePublishRequest(view(report, [], PLACEHOLDER_PART, true, options.subscribers));
  const share = Math.floor((MAX_PARTS * (maxBytes - emptyPart)) / Math.max(1, report.findings.length));
  const shared = { compact: true, perCertificate: Math.max(MIN_CERTIFICATE_BYTES, share) };
  let chosen = plan(MAX_PARTS, {});
  for (const rendering of [{ compact: true }, shared]) if (chosen.rest > 0) chosen = plan(MAX_PARTS, rendering);
  const { groups, rest } = chosen.rest === 0 ? chosen : plan(MAX_PARTS - 1, {});
  const total = groups.length + (rest > 0 ? 1 : 0);
  const views: RenderView[] = groups.map((g, i) =>
    total === 1
      ? { report, findings: g.items, includeSnoozedAndProblems: true, ...subscribersOf(options.subscribers) }
      : view(report, g.items, { number: i + 1, total }, i === 0, options.subscribers),
  );
  if (rest > 0)
    views.push({ ...view(report, [], { number: total, total }, false, options.subscribers), omittedFindings: rest });
  for (const v of views) {
    const request = renderPublishRequest(v);
    if (publishRequestBytes(request) <= maxBytes) yield request;
    // The last resort: counts and where the report is, never a throw because of size.
    else
      yield renderPublishRequest({ ...v, findings: [], omittedFindings: (v.omittedFindings ?? 0) + v.findings.length });
  }
}
