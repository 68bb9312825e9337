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
import { countsOnlyView, fullView } from './render-view';
import { packIntoParts, type Packed } from './pack-into-parts';
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

/**
 * The finding with as many of its first usages as fit alone in a message under `budget` (its full list is known
 * not to), the rest counted: usages are packed into one part like anything else. None when even the first does not
 * fit: the part then becomes the minimal message (renderPublishRequests), never a throw.
 */
function fitAlone(
  report: Report,
  item: ViewFinding,
  first: boolean,
  budget: number,
  subscribers: Subscribers,
): ViewFinding {
  const bytes = (keep: number) => bytesOf(report, [truncated(item, keep)], first, subscribers);
  const shorter = item.finding.usages.slice(0, -1); // the full list is known not to fit
  const keep = packIntoParts(shorter, (run) => bytes(run.length), budget, 1).parts[0]!.length;
  // A part of more than one item fits; one of a single item may not.
  return truncated(item, keep > 1 || (keep === 1 && bytes(1) <= budget) ? keep : 0);
}

/**
 * The report's certificates in at most `maxParts` parts, in order (most urgent first), never one split across
 * parts (packIntoParts, measuring each run as the part that holds it). A certificate too big for a message of its
 * own is rendered compact, alone in its part; only if even that is too big are its usages truncated (still
 * compact), saying how many are left out.
 */
export function packFindings(
  report: Report,
  budget: number,
  maxParts: number,
  subscribers: Subscribers,
  rendering: PackRendering = {},
): Packed<ViewFinding> {
  // Each certificate as this plan renders it, prepared only when the packing reaches it.
  const prepared = new Map<ViewFinding, ViewFinding>();
  const prepare = (item: ViewFinding): ViewFinding => {
    let f = prepared.get(item);
    if (f) return f;
    f = rendering.compact ? compacted(item) : item;
    const most = rendering.perCertificate;
    if (most !== undefined && bytesOf(report, [f], false, subscribers) > most)
      f = fitAlone(report, f, false, most, subscribers);
    prepared.set(item, f);
    return f;
  };
  // A certificate alone is measured by the packer, and again here when it does not fit: once is enough.
  const alone = new Map<string, number>();
  const sizeOf = (run: readonly ViewFinding[], part: number) => {
    const measure = () => bytesOf(report, run.map(prepare), part === 0, subscribers);
    if (run.length !== 1) return measure();
    const key = `${run[0]!.position} ${part === 0}`;
    if (!alone.has(key)) alone.set(key, measure());
    return alone.get(key)!;
  };
  const { parts, rest } = packIntoParts(fullView(report).findings, sizeOf, budget, maxParts);
  const shrunk = (run: readonly ViewFinding[], part: number): readonly ViewFinding[] => {
    const first = part === 0;
    if (run.length !== 1 || sizeOf(run, part) <= budget) return run.map(prepare);
    const compact = compacted(prepare(run[0]!));
    return [
      bytesOf(report, [compact], first, subscribers) <= budget
        ? compact
        : fitAlone(report, compact, first, budget, subscribers),
    ];
  };
  return { parts: parts.map(shrunk), rest };
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
    packFindings(report, maxBytes, parts, options.subscribers, rendering);
  const emptyPart = measurePublishRequest(view(report, [], PLACEHOLDER_PART, true, options.subscribers));
  const share = Math.floor((MAX_PARTS * (maxBytes - emptyPart)) / Math.max(1, report.findings.length));
  const shared = { compact: true, perCertificate: Math.max(MIN_CERTIFICATE_BYTES, share) };
  let chosen = plan(MAX_PARTS, {});
  for (const rendering of [{ compact: true }, shared]) if (chosen.rest > 0) chosen = plan(MAX_PARTS, rendering);
  const { parts, rest } = chosen.rest === 0 ? chosen : plan(MAX_PARTS - 1, {});
  const total = parts.length + (rest > 0 ? 1 : 0);
  const views: RenderView[] = parts.map((items, i) =>
    total === 1
      ? { report, findings: items, includeSnoozedAndProblems: true, ...subscribersOf(options.subscribers) }
      : view(report, items, { number: i + 1, total }, i === 0, options.subscribers),
  );
  if (rest > 0)
    views.push({ ...view(report, [], { number: total, total }, false, options.subscribers), omittedFindings: rest });
  for (const v of views) {
    const request = renderPublishRequest(v);
    if (publishRequestBytes(request) <= maxBytes) yield request;
    // The last resort: counts and where the report is, never a throw because of size.
    else yield renderPublishRequest(countsOnlyView(v));
  }
}
