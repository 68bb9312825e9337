/**
 * Fault injection: rules matched per service / action / region (each may be '*' or omitted), firing with a
 * probability (seeded PRNG) and at most `count` times. The first matching error-kind rule that fires wins;
 * every matching `latency` rule that fires adds its delay. `entry-failure` rules never fail a request: the batch
 * actions (EventBridge PutEvents, Security Hub BatchImportFindings) ask for them once per entry. The paging kinds
 * (`endless-marker`, `repeated-marker`) serve the request with a marker that never ends the listing.
 */
import { type Latency, sampleLatency } from './latency';
import { createRandom, type Random } from './prng';
import { AwsError } from './protocols/aws-error';
import type { PagingFault } from './protocols/paging';
import type { ServiceName } from './protocols/service-name';

export type FaultKind =
  | 'throttle'
  | 'internal-error'
  | 'unavailable'
  | 'access-denied'
  | 'region-not-opted-in'
  | 'connection-reset'
  | 'hang'
  | 'malformed-xml'
  | 'latency'
  | 'entry-failure'
  | PagingFault;

/**
 * Header of a response the server hangs (headers and half a body, then nothing): a test can tell a hung response
 * from a slow one by what the server says rather than by a clock.
 */
export const HUNG_RESPONSE_HEADER = 'x-loopback-hung';

export interface FaultRule {
  readonly kind: FaultKind;
  /** @default '*' */
  readonly service?: ServiceName | '*';
  /** e.g. 'DescribeListenerCertificates'. @default '*' */
  readonly action?: string;
  /** @default '*' */
  readonly region?: string;
  /** Only requests made with this account's credentials (an organization scenario). @default any account */
  readonly accountId?: string;
  /**
   * Only requests whose decoded fields hold these values (query protocols: form fields), e.g.
   * `{ TopicArn: 'arn:aws:sns:…:chat' }` for one topic of a region. @default any request
   */
  readonly params?: Readonly<Record<string, string>>;
  /** Chance of firing on each matching request, 0..1. @default 1 */
  readonly probability?: number;
  /** Fire at most this many times (counted since the rule was set; per entry for `entry-failure`). @default unlimited */
  readonly count?: number;
  /** For `latency` rules: the delay to add. @default 0 */
  readonly latencyMs?: Latency;
  /** Override the error code / HTTP status / message of an error kind. @default the service's own */
  readonly code?: string;
  readonly status?: number;
  readonly message?: string;
}

export interface RequestKey {
  readonly service: ServiceName;
  readonly action: string;
  readonly region: string;
  /** The request's decoded fields, for rules that name some. @default none */
  readonly params?: Readonly<Record<string, string>>;
}

/** What to do with a request: answer an error, break the connection, or serve normally (after `delayMs`). */
export type FaultOutcome =
  | { readonly kind: 'error'; readonly error: AwsError; readonly fault: FaultKind }
  | { readonly kind: 'connection-reset' | 'hang' | 'malformed-xml'; readonly fault: FaultKind }
  | { readonly kind: 'paging'; readonly fault: PagingFault }
  | { readonly kind: 'none' };

export interface FaultDecision {
  readonly outcome: FaultOutcome;
  readonly delayMs: number;
}

const SIGNING_NAME: Record<ServiceName, string> = {
  iam: 'iam',
  ec2: 'ec2',
  elb: 'elasticloadbalancing',
  elbv2: 'elasticloadbalancing',
  cloudfront: 'cloudfront',
  sns: 'SNS',
  sts: 'sts',
  organizations: 'organizations',
  s3: 's3',
  acm: 'acm',
  securityhub: 'securityhub',
  eventbridge: 'events',
};

/** The JSON services answer the `...Exception` codes of their API references; Security Hub's come with 4xx/5xx statuses. */
const JSON_SERVICE: ReadonlySet<ServiceName> = new Set(['acm', 'securityhub', 'eventbridge']);

/** The error AWS answers for each error-kind fault, in the service's own vocabulary. */
export function faultError(kind: FaultKind, key: RequestKey, accountId: string): AwsError | undefined {
  const ec2 = key.service === 'ec2';
  if (JSON_SERVICE.has(key.service)) return jsonServiceFaultError(kind, key, accountId);
  switch (kind) {
    case 'throttle':
      if (ec2) return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
      if (key.service === 'sns') return new AwsError('Throttled', 'Rate exceeded', 429);
      return new AwsError('Throttling', 'Rate exceeded', 400);
    case 'internal-error':
      if (key.service === 'sns') return new AwsError('InternalError', 'Internal service error', 500);
      return ec2
        ? new AwsError('InternalError', 'An internal error has occurred', 500)
        : new AwsError(
            'InternalFailure',
            'The request processing has failed because of an unknown error, exception or failure.',
            500,
          );
    case 'unavailable':
      return ec2
        ? new AwsError('Unavailable', "The server is overloaded and can't handle the request.", 503)
        : new AwsError('ServiceUnavailable', 'Service is unable to handle request.', 503);
    case 'access-denied': {
      if (ec2) return new AwsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
      if (key.service === 'sns') return new AwsError('AuthorizationError', notAuthorized(key, accountId, false), 403);
      return new AwsError('AccessDenied', notAuthorized(key, accountId, true), 403);
    }
    case 'region-not-opted-in':
      return ec2
        ? new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401)
        : new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    default:
      return undefined;
  }
}

function notAuthorized(key: RequestKey, accountId: string, because: boolean): string {
  const who = `arn:aws:sts::${accountId}:assumed-role/iam-cert-expiry-monitor/checker`;
  const what = `${SIGNING_NAME[key.service]}:${key.action}`;
  return `User: ${who} is not authorized to perform: ${what}${because ? ` because no identity-based policy allows the ${what} action` : ''}`;
}

/**
 * ACM and EventBridge (JSON 1.1) and Security Hub (REST-JSON): the exceptions and statuses their SDK models
 * declare (ACM AccessDeniedException 403, Security Hub LimitExceededException 429 for throttling and
 * InternalException 500, EventBridge ThrottlingException 400); an unknown key answers UnrecognizedClientException.
 */
function jsonServiceFaultError(kind: FaultKind, key: RequestKey, accountId: string): AwsError | undefined {
  const hub = key.service === 'securityhub';
  switch (kind) {
    case 'throttle':
      return hub
        ? new AwsError('LimitExceededException', 'Rate exceeded', 429)
        : new AwsError('ThrottlingException', 'Rate exceeded', 400);
    case 'internal-error':
      return key.service === 'acm'
        ? new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', 500)
        : new AwsError('InternalException', 'Internal server error.', 500);
    case 'unavailable':
      return new AwsError('ServiceUnavailable', 'Service is unable to handle request.', 503);
    case 'access-denied':
      return new AwsError(
        'AccessDeniedException',
        notAuthorized(key, accountId, true),
        key.service === 'eventbridge' ? 400 : 403,
      );
    case 'region-not-opted-in':
      return new AwsError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        hub ? 403 : 400,
      );
    default:
      return undefined;
  }
}

/** What an `entry-failure` rule answers for one entry when it gives no `code`/`message`. */
const ENTRY_FAILURE: Partial<Record<ServiceName, AwsError>> = {
  eventbridge: new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.'),
  securityhub: new AwsError('InternalException', 'Internal server error.'),
};

function matches(rule: FaultRule, key: RequestKey, accountId: string): boolean {
  return (
    (rule.accountId === undefined || rule.accountId === accountId) &&
    (rule.service === undefined || rule.service === '*' || rule.service === key.service) &&
    (rule.action === undefined || rule.action === '*' || rule.action === key.action) &&
    (rule.region === undefined || rule.region === '*' || rule.region === key.region) &&
    Object.entries(rule.params ?? {}).every(([name, value]) => key.params?.[name] === value)
  );
}

export class FaultInjector {
  private rules: readonly FaultRule[] = [];
  private fired: number[] = [];
  private readonly random: Random;

  constructor(rules: readonly FaultRule[] = [], seed = 1) {
    this.random = createRandom(seed);
    this.set(rules);
  }

  /** Replaces the rules and resets their fire counts. */
  set(rules: readonly FaultRule[]): void {
    this.rules = [...rules];
    this.fired = rules.map(() => 0);
  }

  /** How many times each rule has fired, in rule order. */
  firedCounts(): readonly number[] {
    return [...this.fired];
  }

  decide(key: RequestKey, accountId: string): FaultDecision {
    let delayMs = 0;
    let outcome: FaultOutcome = { kind: 'none' };
    this.rules.forEach((rule, i) => {
      if (rule.kind === 'entry-failure' || !matches(rule, key, accountId)) return;
      if (rule.kind !== 'latency' && outcome.kind !== 'none') return;
      if (!this.fires(rule, i)) return;
      if (rule.kind === 'latency') {
        delayMs += sampleLatency(rule.latencyMs, this.random);
      } else if (rule.kind === 'connection-reset' || rule.kind === 'hang' || rule.kind === 'malformed-xml') {
        outcome = { kind: rule.kind, fault: rule.kind };
      } else if (rule.kind === 'endless-marker' || rule.kind === 'repeated-marker') {
        outcome = { kind: 'paging', fault: rule.kind };
      } else {
        const base = faultError(rule.kind, key, accountId)!;
        const error = new AwsError(rule.code ?? base.code, rule.message ?? base.message, rule.status ?? base.status);
        outcome = { kind: 'error', error, fault: rule.kind };
      }
    });
    return { outcome, delayMs };
  }

  /** Whether a matching rule fires now (within its count, by its probability); counts it when it does. */
  private fires(rule: FaultRule, i: number): boolean {
    if (rule.count !== undefined && this.fired[i]! >= rule.count) return false;
    if (rule.probability !== undefined && rule.probability < 1 && this.random() >= rule.probability) return false;
    this.fired[i]! += 1;
    return true;
  }

  /** For one entry of a batch action: the error of the first matching `entry-failure` rule that fires, if any. */
  decideEntry(key: RequestKey, accountId: string): AwsError | undefined {
    for (const [i, rule] of this.rules.entries()) {
      if (rule.kind !== 'entry-failure' || !matches(rule, key, accountId)) continue;
      if (!this.fires(rule, i)) continue;
      const base = ENTRY_FAILURE[key.service] ?? new AwsError('InternalFailure', 'Internal failure.');
      return new AwsError(rule.code ?? base.code, rule.message ?? base.message);
    }
    return undefined;
  }
}
