/**
 * Turns a Report into SNS Publish requests (MessageStructure 'json'): one per alert, or numbered self-contained
 * parts when one would pass the SNS limit of 262,144 bytes for the whole request.
 *
 * Message keys by subscriber protocol: `default` (required; any protocol without its own key), `email` (text),
 * `https` (AWS Chatbot subscribes over HTTPS: the custom notification JSON), `sqs`, `lambda` and `email-json`
 * (the machine report). Note: any other HTTPS subscriber also receives the Chatbot JSON.
 */
import type { Finding, Report } from '../domain/types';
import { renderChatbotNotification } from './chatbot';
import { renderEmailText } from './email-text';
import { utf8Bytes, worstSeverity } from './format';
import { renderJsonReport } from './json-report';
import type { PartInfo, RenderView, ViewFinding } from './render-view';
import { fullView } from './render-view';
import { renderSubject } from './subject';

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
  let total = utf8Bytes(request.message) + utf8Bytes(request.subject);
  for (const [name, value] of Object.entries(request.messageAttributes)) {
    total += utf8Bytes(name) + utf8Bytes(ATTRIBUTE_DATA_TYPE) + utf8Bytes(value);
  }
  return total;
}

/** One publish request for one view (the whole report, or one part). */
export function renderPublishRequest(view: RenderView): PublishRequest {
  const text = renderEmailText(view);
  const json = renderJsonReport(view);
  const byProtocol: SnsMessageByProtocol = {
    default: text,
    email: text,
    https: renderChatbotNotification(view),
    sqs: json,
    lambda: json,
    'email-json': json,
  };
  const findings = view.findings.length > 0 ? view.findings.map((f) => f.finding) : view.report.findings;
  return {
    subject: renderSubject(view),
    message: JSON.stringify(byProtocol),
    messageAttributes: {
      severity: worstSeverity(findings),
      account: view.report.accountId,
    },
  };
}

export interface RenderPublishOptions {
  /** @default SNS_MAX_PUBLISH_BYTES */
  readonly maxBytes?: number;
}

/** A stand-in part number at least as wide as any real one, so measured sizes bound the final ones. */
const PLACEHOLDER_PART: PartInfo = { number: 999_999, total: 999_999 };

interface Group {
  readonly items: ViewFinding[];
}

function view(report: Report, items: readonly ViewFinding[], part: PartInfo, first: boolean): RenderView {
  return { report, findings: items, part, includeSnoozedAndProblems: first };
}

function bytesOf(report: Report, items: readonly ViewFinding[], first: boolean): number {
  return publishRequestBytes(renderPublishRequest(view(report, items, PLACEHOLDER_PART, first)));
}

/** The finding with only its first `keep` usages (and renewal places), the rest counted as omitted. */
function truncated(item: ViewFinding, keep: number): ViewFinding {
  const { renewal } = item.finding;
  const finding: Finding = {
    ...item.finding,
    usages: item.finding.usages.slice(0, keep),
    ...(renewal
      ? { renewal: { ...renewal, remaining: renewal.remaining.slice(0, keep), alreadyServing: renewal.alreadyServing.slice(0, keep) } }
      : {}),
  };
  return { ...item, finding, omittedUsages: item.omittedUsages + item.finding.usages.length - keep };
}

/** The same finding in the compact rendering (one line per usage, one fix loop per region and action). */
function compacted(item: ViewFinding): ViewFinding {
  return { ...item, rendering: 'compact' };
}

/** Largest usage count that lets this finding fit alone in a message under `budget` (binary search). */
function fitAlone(report: Report, item: ViewFinding, first: boolean, budget: number): ViewFinding {
  let lo = 0;
  let hi = item.finding.usages.length - 1; // the full list is known not to fit
  if (bytesOf(report, [truncated(item, 0)], first) > budget) {
    throw new Error(`Certificate ${item.finding.certificate.name} does not fit in one SNS message even without usages`);
  }
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytesOf(report, [truncated(item, mid)], first) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return truncated(item, lo);
}

/**
 * Greedy packing, in order (most urgent first), never splitting one certificate across parts. A certificate too
 * big for a message of its own is rendered compact; only if even that is too big are its usages truncated
 * (still compact), saying how many are left out.
 */
function pack(report: Report, budget: number): Group[] {
  const groups: Group[] = [];
  let current: ViewFinding[] = [];
  const isFirst = () => groups.length === 0;
  const all = fullView(report).findings;
  for (const item of all) {
    if (bytesOf(report, [...current, item], isFirst()) <= budget) {
      current.push(item);
      continue;
    }
    if (current.length > 0) {
      groups.push({ items: current });
      current = [];
      if (bytesOf(report, [item], isFirst()) <= budget) {
        current.push(item);
        continue;
      }
    }
    // Alone and still too big (a wildcard certificate on many listeners): the compact rendering.
    const compact = compacted(item);
    if (bytesOf(report, [compact], isFirst()) <= budget) {
      current.push(compact);
      continue;
    }
    // Even compact too big (thousands of usages): keep as many usages as fit, say how many are left out.
    groups.push({ items: [fitAlone(report, compact, isFirst(), budget)] });
  }
  if (current.length > 0 || groups.length === 0) groups.push({ items: current });
  return groups;
}

/**
 * The publish requests for a report: one when it fits, else parts `(1/N)`…`(N/N)`, each a complete message
 * (summary with whole-run counts, coverage gaps, its own certificates; snoozed and tag problems in part 1).
 */
export function renderPublishRequests(report: Report, options: RenderPublishOptions = {}): PublishRequest[] {
  const maxBytes = options.maxBytes ?? SNS_MAX_PUBLISH_BYTES;
  const single = renderPublishRequest(fullView(report));
  if (publishRequestBytes(single) <= maxBytes) return [single];

  let budget = maxBytes;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const groups = pack(report, budget);
    const total = groups.length;
    const requests = groups.map((g, i) =>
      renderPublishRequest(
        total === 1
          ? { report, findings: g.items, includeSnoozedAndProblems: true }
          : view(report, g.items, { number: i + 1, total }, i === 0),
      ),
    );
    const largest = Math.max(...requests.map(publishRequestBytes));
    if (largest <= maxBytes) return requests;
    budget -= largest - maxBytes + 1024; // measured with wider part numbers, so this should never happen
  }
  throw new Error(`Could not fit the alert into SNS messages of ${maxBytes} bytes`);
}
