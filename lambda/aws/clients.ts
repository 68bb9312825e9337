import { ACMClient } from '@aws-sdk/client-acm';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ApiCallStats } from './api-call-stats';

/** How the laptop CLI calls AWS: a named profile (--profile) and a listener for each call (--verbose). */
export interface CallerOptions {
  /**
   * A profile of the shared config files for credentials and settings, as AWS_PROFILE would name it, but for these
   * clients only.
   * @default the SDK's own choice (AWS_PROFILE, else `default`)
   */
  readonly profile?: string;
  /** Told of every API call when it ends, retries included. @default nobody */
  readonly onCall?: CallListener;
}

/** One API call as it ended: what, where, how long (all attempts), and the error name if it failed. */
export interface ApiCall {
  /** `ElasticLoadBalancingV2`, `IAM`, … (the SDK client's name). */
  readonly service: string;
  readonly action: string;
  readonly region: string;
  readonly durationMs: number;
  readonly attempts: number;
  /** @default none: the call succeeded */
  readonly error?: string;
}

export type CallListener = (call: ApiCall) => void;

export interface ClientOptions extends CallerOptions {
  /** Attempts per call, first included, with the SDK's adaptive retry strategy (backoff with jitter, client-side rate limiting). */
  readonly maxAttempts: number;
  readonly connectionTimeoutMs: number;
  /** Longest wait for a response, or between two chunks of one, before the attempt is abandoned (and retried). */
  readonly requestTimeoutMs: number;
  /** Region of the global services' clients (IAM, CloudFront) and of region discovery. */
  readonly homeRegion: string;
  /**
   * Credentials of every client (the organization scan: an assumed member role's).
   * @default the SDK's default provider chain (the function's own role)
   */
  readonly credentials?: TemporaryCredentials;
}

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export const DEFAULT_CLIENT_OPTIONS: Omit<ClientOptions, 'homeRegion'> = {
  maxAttempts: 6,
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 20_000,
};

type RegionalClient =
  | ElasticLoadBalancingClient
  | ElasticLoadBalancingV2Client
  | SNSClient
  | SecurityHubClient
  | EventBridgeClient
  | ACMClient;

interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<{ output?: { $metadata?: { attempts?: number } } }>,
        context: { clientName?: string; commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize' | 'deserialize'; name: string },
    ): void;
  };
}

/**
 * Creates each client once (regional ones once per region) with bounded timeouts and retries, and counts
 * every call. Endpoints are left to the SDK, so `AWS_ENDPOINT_URL[_SERVICE]` keeps working.
 */
export class AwsClients {
  /** Calls counted since the last `startCounting()`. */
  stats = new ApiCallStats();
  readonly iam: IAMClient;
  readonly cloudFront: CloudFrontClient;
  readonly ec2: EC2Client;
  private readonly regional = new Map<string, RegionalClient>();
  private readonly requestHandler: NodeHttpHandler;

  readonly homeRegion: string;

  constructor(private readonly options: ClientOptions) {
    this.homeRegion = options.homeRegion;
    this.requestHandler = new NodeHttpHandler({
      connectionTimeout: options.connectionTimeoutMs,
      // Until the response headers arrive; without throwOnRequestTimeout the SDK would only warn.
      requestTimeout: options.requestTimeoutMs,
      throwOnRequestTimeout: true,
      // A response that stalls after its headers (a body that never completes).
      socketTimeout: options.requestTimeoutMs,
    });
    this.iam = this.instrument(new IAMClient(this.config(options.homeRegion)), options.homeRegion);
    this.cloudFront = this.instrument(new CloudFrontClient(this.config(options.homeRegion)), options.homeRegion);
    this.ec2 = this.instrument(new EC2Client(this.config(options.homeRegion)), options.homeRegion);
  }

  elb(region: string): ElasticLoadBalancingClient {
    return this.cached(`elb:${region}`, region, () => new ElasticLoadBalancingClient(this.config(region)));
  }

  elbv2(region: string): ElasticLoadBalancingV2Client {
    return this.cached(`elbv2:${region}`, region, () => new ElasticLoadBalancingV2Client(this.config(region)));
  }

  /** ACM is regional: a certificate serves only its own region's load balancers (us-east-1: CloudFront). */
  acm(region: string): ACMClient {
    return this.cached(`acm:${region}`, region, () => new ACMClient(this.config(region)));
  }

  sns(region: string): SNSClient {
    return this.cached(`sns:${region}`, region, () => new SNSClient(this.config(region)));
  }

  securityHub(region: string): SecurityHubClient {
    return this.cached(`securityhub:${region}`, region, () => new SecurityHubClient(this.config(region)));
  }

  eventBridge(region: string): EventBridgeClient {
    return this.cached(`events:${region}`, region, () => new EventBridgeClient(this.config(region)));
  }

  /** Starts a fresh count (one per invocation: clients outlive invocations in a warm Lambda). */
  startCounting(): ApiCallStats {
    this.stats = new ApiCallStats();
    return this.stats;
  }

  /** Closes the shared connection pool (the CLI and tests; Lambda keeps it warm). */
  destroy(): void {
    this.requestHandler.destroy();
  }

  private config(region: string) {
    return {
      region,
      maxAttempts: this.options.maxAttempts,
      // Adaptive = standard retries + the SDK's client-side token bucket (CUBIC), one per client, i.e. per region
      // and service, exactly the scope of the ELB APIs' own buckets. After the first throttle it paces sends to
      // the rate the API grants instead of letting every request in flight collide with an empty bucket.
      // Measured (npm run bench, bench/results.json): 4 regions x 800 LBs at 50 req/s burst 100, throttles
      // 374 -> 40 and wall / lower bound 1.19 -> 1.13; at 10 req/s burst 40 (--realistic), 545 -> 58 and
      // 1.12 -> 1.06. Fewer throttles also keeps each call far from maxAttempts throttled attempts in a row
      // (a coverage gap). The retry quota (500 per client; a throttled attempt costs 5, refunded when that call
      // succeeds) cannot drain here: at most `concurrency` calls per client are retrying at once.
      retryMode: 'adaptive',
      requestHandler: this.requestHandler,
      ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
      ...(this.options.profile !== undefined ? { profile: this.options.profile } : {}),
    };
  }

  private cached<T extends RegionalClient>(key: string, region: string, create: () => T): T {
    let client = this.regional.get(key) as T | undefined;
    if (!client) {
      client = this.instrument(create(), region);
      this.regional.set(key, client);
    }
    return client;
  }

  private instrument<T extends object>(client: T, region: string): T {
    if (this.options.onCall) observeCalls(client, region, this.options.onCall);
    const stack = (client as unknown as MiddlewareClient).middlewareStack;
    stack.add(
      (next, context) => (args) => {
        this.stats.recordCommand(actionName(context.clientName, context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countCommands' },
    );
    // The deserialize step runs once per HTTP attempt, inside the retry loop.
    stack.add(
      (next) => (args) => {
        this.stats.recordAttempt();
        return next(args);
      },
      { step: 'deserialize', name: 'countAttempts' },
    );
    return client;
  }
}

/**
 * Tells `listener` of each call `client` makes, when it ends. At the initialize step, so the duration spans every
 * retry and the SDK's attempt count is known. `region` is the client's own (its config holds it only as a promise).
 */
export function observeCalls<T extends object>(client: T, region: string, listener: CallListener): T {
  (client as unknown as MiddlewareClient).middlewareStack.add(
    (next, context) => async (args) => {
      const started = performance.now();
      const call = (attempts: number | undefined, error?: string) =>
        listener({
          service: serviceName(context.clientName),
          action: operationName(context.commandName),
          region,
          durationMs: Math.round(performance.now() - started),
          attempts: attempts ?? 1,
          ...(error !== undefined ? { error } : {}),
        });
      try {
        const result = await next(args);
        call(result.output?.$metadata?.attempts);
        return result;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { attempts?: number } };
        call(e.$metadata?.attempts, e.name ?? 'Error');
        throw error;
      }
    },
    { step: 'initialize', name: 'observeCalls' },
  );
  return client;
}

/** `ElasticLoadBalancingV2Client` + `DescribeListenersCommand` → `ElasticLoadBalancingV2:DescribeListeners`. */
function actionName(clientName?: string, commandName?: string): string {
  return `${serviceName(clientName)}:${operationName(commandName)}`;
}

function serviceName(clientName = 'Unknown'): string {
  return clientName.replace(/Client$/, '');
}

function operationName(commandName = 'Unknown'): string {
  return commandName.replace(/Command$/, '');
}
