/**
 * The loopback AWS-protocol server: listens on 127.0.0.1 (ephemeral port) and answers IAM, EC2, Classic ELB,
 * ELBv2, CloudFront, SNS, STS, Organizations, S3, ACM, Security Hub and EventBridge calls from unmodified AWS SDK
 * v3 clients, from an in-memory scenario.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultInjector, faultError, HUNG_RESPONSE_HEADER, type FaultKind, type FaultRule } from './faults';
import { requestId as makeRequestId } from './estate/ids';
import { type Latency, sampleLatency } from './latency';
import { createRandom, hashSeed } from './prng';
import { AwsError } from './protocols/aws-error';
import { contentType, errorBody, replyHeaders, successBody } from './protocols/envelope';
import { identifyRequest, type IdentifiedRequest } from './protocols/identify';
import { withPagingFault } from './protocols/paging';
import type { ServiceName } from './protocols/service-name';
import { RateLimiter, type RateLimitRule } from './rate-limit';
import { countRequests, matchesFilter, type CountKey, type RequestFilter, type RequestRecord } from './request-log';
import { FindingStore, type Finding } from './estate/finding-store';
import { ObjectStore } from './estate/object-store';
import { AccountDirectory } from './estate/organization';
import type { OrganizationScenario } from './estate/organization-scenario';
import type { Scenario } from './estate/scenario';
import type { ScenarioIndex } from './estate/scenario-index';
import { acmService } from './services/acm';
import { cloudFrontService } from './services/cloudfront';
import { ec2Service } from './services/ec2';
import { elbService } from './services/elb';
import { elbv2Service } from './services/elbv2';
import { eventBridgeService } from './services/eventbridge';
import { iamService } from './services/iam';
import { organizationsService } from './services/organizations';
import { s3Service } from './services/s3';
import { securityHubService } from './services/security-hub';
import type { PublishedMessage, ReceivedEvent, ServiceDefinition } from './services/service';
import { snsService } from './services/sns';
import { stsService } from './services/sts';

export interface AwsServerOptions {
  /** The caller's own account (credentials the server did not issue); in an organization, the management account. */
  readonly scenario: Scenario;
  /** Other accounts, reached through STS AssumeRole, and the Organizations tree. @default a single account */
  readonly organization?: OrganizationScenario;
  /** Delay before every response (fixed, or seeded-random between min and max). @default 0 */
  readonly latencyMs?: Latency;
  /** @default [] */
  readonly faults?: readonly FaultRule[];
  /** Token-bucket limits per (region, service); the first matching rule applies. @default none */
  readonly rateLimit?: RateLimitRule | readonly RateLimitRule[];
  /** Seed for fault probabilities and random latency. @default 1 */
  readonly seed?: number;
  /** Largest request body accepted. @default 8 MiB */
  readonly maxBodyBytes?: number;
  /** Port on 127.0.0.1 (`npm run local-aws -- --port N`). @default 0: one the OS chooses */
  readonly port?: number;
  /**
   * For how long after its `uploadDate` ELB and ELBv2 writes answer CertificateNotFound for an IAM certificate, as
   * AWS does while a fresh upload propagates. @default 0
   */
  readonly certificatePropagationMs?: number;
  /** For how long a CloudFront distribution is `InProgress` after an update before it is `Deployed`. @default 0 */
  readonly distributionDeploymentMs?: number;
  /** The clock that propagation and deployment are measured by. @default the wall clock */
  readonly clock?: () => Date;
}

export interface AwsServer {
  /** `http://127.0.0.1:PORT`, for `AWS_ENDPOINT_URL` or a client's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** Every request received since start (or the last reset), in completion order. */
  readonly requests: readonly RequestRecord[];
  /** Every message accepted by SNS Publish since start (or the last reset). */
  readonly published: readonly PublishedMessage[];
  /** The served scenario, indexed. */
  readonly index: ScenarioIndex;
  /** S3 objects put so far (the organization run's data); the Step Functions emulation writes here too. */
  readonly objects: ObjectStore;
  /** Events EventBridge PutEvents accepted since start (or the last reset), in arrival order; all when no filter. */
  events(filter?: EventFilter): ReceivedEvent[];
  /** The Security Hub findings an account holds in a region (imported since start; `reset` keeps them). */
  securityHubFindings(accountId: string, region: string): Finding[];
  /** Requests grouped by a field, e.g. `countBy('action')` → `{ DescribeListeners: 12, ... }`. */
  countBy(key: CountKey, filter?: RequestFilter): Record<string, number>;
  /** Number of requests matching the filter (all when omitted). */
  count(filter?: RequestFilter): number;
  requestsWhere(filter: RequestFilter): RequestRecord[];
  setFaults(faults: readonly FaultRule[]): void;
  /** How many times each current fault rule has fired. */
  faultsFired(): readonly number[];
  setRateLimit(rateLimit: RateLimitRule | readonly RateLimitRule[] | undefined): void;
  setLatency(latencyMs: Latency | undefined): void;
  /** Serves a different scenario from now on. */
  setScenario(scenario: Scenario): void;
  /** Clears the request log, published messages and received events (faults, limits, scenario, objects and findings stay). */
  reset(): void;
  /** Stops listening and destroys every connection, including hung responses and pending delays. */
  close(): Promise<void>;
}

/** Which received events `server.events()` returns: every field given must match. */
export type EventFilter = Partial<Pick<ReceivedEvent, 'eventBusName' | 'accountId' | 'region'>> & {
  readonly source?: string;
  readonly detailType?: string;
};

const SERVICES: Record<ServiceName, ServiceDefinition> = {
  iam: iamService,
  ec2: ec2Service,
  elb: elbService,
  elbv2: elbv2Service,
  cloudfront: cloudFrontService,
  sns: snsService,
  sts: stsService,
  organizations: organizationsService,
  s3: s3Service,
  acm: acmService,
  securityhub: securityHubService,
  eventbridge: eventBridgeService,
};

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly errorCode?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export async function startAwsServer(options: AwsServerOptions): Promise<AwsServer> {
  const seed = options.seed ?? 1;
  const latencyRandom = createRandom(hashSeed(`latency|${seed}`));
  const faults = new FaultInjector(options.faults ?? [], hashSeed(`faults|${seed}`));
  const limiter = new RateLimiter(toRules(options.rateLimit));
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  let latency = options.latencyMs;
  const accounts = new AccountDirectory(options.scenario, options.organization);
  const objects = new ObjectStore();
  const findings = new FindingStore();
  let events: ReceivedEvent[] = [];
  let requests: RequestRecord[] = [];
  let published: PublishedMessage[] = [];
  let counter = 0;
  let closing = false;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        });

  const server: Server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`loopback AWS server bug: ${String(err)}`);
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = Date.now();
    const started = performance.now();
    const body = await readBody(req, maxBodyBytes);
    if (body === undefined) {
      res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('Request entity too large');
      return;
    }
    const id = makeRequestId(++counter, String(seed));
    const identified = identifyRequest(req.method ?? 'GET', req.url ?? '/', req.headers, body);
    if (!identified) {
      res
        .writeHead(400, { 'content-type': 'text/xml' })
        .end(
          errorBody(
            { protocol: 'query', namespace: '' },
            new AwsError('UnknownOperationException', 'Unknown service or operation'),
            id,
          ),
        );
      return;
    }
    const service = SERVICES[identified.service];
    const index = accounts.indexFor(identified.accessKeyId);
    const record = (status: number, extra: Partial<RequestRecord> = {}) =>
      requests.push({
        service: identified.service,
        action: identified.action,
        region: identified.region,
        accountId: index.accountId,
        params: identified.params,
        status,
        at: arrived,
        durationMs: performance.now() - started,
        ...extra,
      });

    const key = { service: identified.service, action: identified.action, region: identified.region };
    const limited = !limiter.tryTake(key.service, key.region, key.action);
    const decision = faults.decide({ ...key, params: identified.params }, index.accountId);
    await sleep(sampleLatency(latency, latencyRandom) + decision.delayMs);
    if (closing || res.destroyed) return;

    let reply: Reply;
    let fault: FaultKind | 'rate-limit' | undefined;
    const outcome = decision.outcome;
    if (limited) {
      fault = 'rate-limit';
      reply = errorReply(service, faultError('throttle', key, index.accountId)!, id);
    } else if (outcome.kind === 'connection-reset') {
      record(0, { fault: outcome.fault });
      req.socket.destroy();
      return;
    } else if (outcome.kind === 'hang') {
      const full = successReply(service, identified, '<Pending>partial</Pending>', id);
      res.writeHead(200, {
        'content-type': 'text/xml',
        'content-length': String(Buffer.byteLength(full) + 64),
        [HUNG_RESPONSE_HEADER]: 'true',
      });
      res.write(full.slice(0, Math.floor(full.length / 2)));
      record(200, { fault: outcome.fault });
      return; // left open: the client aborts, or close() destroys the socket
    } else if (outcome.kind === 'malformed-xml') {
      fault = outcome.fault;
      const full = successReply(service, identified, '<Unclosed><Element attr="x">', id);
      reply = { status: 200, body: full.slice(0, Math.floor(full.length * 0.7)) };
    } else if (outcome.kind === 'error') {
      fault = outcome.fault;
      reply = errorReply(service, outcome.error, id);
    } else if (outcome.kind === 'paging') {
      fault = outcome.fault;
      reply = withPagingFault(outcome.fault, () => dispatch(service, identified, id, index));
    } else {
      reply = dispatch(service, identified, id, index);
    }
    const headers: Record<string, string> = {
      'content-type':
        identified.service === 's3' && reply.status === 200
          ? 'application/octet-stream'
          : contentType(service.protocol),
      'content-length': String(Buffer.byteLength(reply.body)),
      ...replyHeaders(service.protocol, id, reply.errorCode),
      ...reply.headers,
    };
    res.writeHead(reply.status, headers).end(reply.body);
    record(reply.status, {
      ...(reply.errorCode !== undefined ? { errorCode: reply.errorCode } : {}),
      ...(fault !== undefined ? { fault } : {}),
    });
  }

  function dispatch(service: ServiceDefinition, r: IdentifiedRequest, id: string, index: ScenarioIndex): Reply {
    try {
      if (service.regional && index.optInRegions.has(r.region) && !index.enabledRegions.includes(r.region)) {
        throw faultError('region-not-opted-in', r, index.accountId)!;
      }
      const handler = service.actions[r.action];
      if (!handler) {
        throw service.protocol === 'rest-xml' || service.protocol === 'rest-json'
          ? new AwsError('InvalidAction', `Unsupported request ${r.action}`, 404)
          : new AwsError('InvalidAction', `The action ${r.action} is not valid for this web service.`);
      }
      const headers: Record<string, string> = {};
      const result = handler({
        params: r.params,
        input: r.input ?? {},
        region: r.region,
        index,
        requestId: id,
        publish: (m) => published.push(m),
        putEvent: (e) => events.push(e),
        findings,
        entryFault: () => faults.decideEntry(r, index.accountId),
        now: options.clock?.() ?? new Date(),
        certificatePropagationMs: options.certificatePropagationMs ?? 0,
        distributionDeploymentMs: options.distributionDeploymentMs ?? 0,
        replyHeader: (name, value) => {
          headers[name] = value;
        },
        accounts,
        objects,
      });
      return { status: 200, body: successReply(service, r, result, id), headers };
    } catch (err) {
      if (err instanceof AwsError) return errorReply(service, err, id);
      throw err;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return requests;
    },
    get published() {
      return published;
    },
    get index() {
      return accounts.hubIndex;
    },
    objects,
    events: (filter = {}) => events.filter((e) => matchesEvent(e, filter)),
    securityHubFindings: (accountId, region) => findings.list(accountId, region),
    countBy: (key, filter) => countRequests(requests, key, filter),
    count: (filter = {}) => requests.reduce((n, r) => (matchesFilter(r, filter) ? n + 1 : n), 0),
    requestsWhere: (filter) => requests.filter((r) => matchesFilter(r, filter)),
    setFaults: (rules) => faults.set(rules),
    faultsFired: () => faults.firedCounts(),
    setRateLimit: (rules) => limiter.set(toRules(rules)),
    setLatency: (ms) => {
      latency = ms;
    },
    setScenario: (scenario) => accounts.setHub(scenario),
    reset: () => {
      requests = [];
      published = [];
      events = [];
    },
    close: async () => {
      closing = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}

function matchesEvent(e: ReceivedEvent, filter: EventFilter): boolean {
  return (
    (filter.eventBusName === undefined || e.eventBusName === filter.eventBusName) &&
    (filter.accountId === undefined || e.accountId === filter.accountId) &&
    (filter.region === undefined || e.region === filter.region) &&
    (filter.source === undefined || e.event.source === filter.source) &&
    (filter.detailType === undefined || e.event['detail-type'] === filter.detailType)
  );
}

function toRules(rateLimit: RateLimitRule | readonly RateLimitRule[] | undefined): readonly RateLimitRule[] {
  if (rateLimit === undefined) return [];
  return Array.isArray(rateLimit) ? rateLimit : [rateLimit as RateLimitRule];
}

function successReply(service: ServiceDefinition, r: IdentifiedRequest, result: string, id: string): string {
  return successBody(service, r.action, result, id);
}

function errorReply(service: ServiceDefinition, error: AwsError, id: string): Reply {
  return { status: error.status, body: errorBody(service, error, id), errorCode: error.code };
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
