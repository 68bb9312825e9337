/**
 * `npm run bench`: the checker, bundled as deployed, run in a fresh child process per scenario against the
 * loopback AWS server with per-request latency and per-(region, service) token-bucket rate limits. Reports wall
 * time against the lower bound the limits impose, calls against the minimum, throttling, peak RSS, bytes
 * published, and bundle size + cold-start init with the SDK bundled vs external. Each scenario then runs again
 * under the CPU share Lambda gives each modelled memory size (bench/cpu-quota.ts), for duration, GB-seconds,
 * cost and the timeout (bench/lambda-cost.ts). `--help` for the flags.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BUNDLE_AWS_SDK, DEFAULT_MEMORY_SIZE_MB } from '../lib/constructs/checker-function';
import { startAwsServer, type AwsServer, type RateLimitRule } from '../local-aws';
import { loopbackEnvironment } from '../local-aws/lambda-harness';
import { buildHandler, buildInvoker, PROJECT_ROOT, type BuiltBundle, type SdkMode } from './build';
import { measureColdStarts } from './cold-start';
import { CpuQuotaGroup, lambdaCpuShare, MB_PER_VCPU, type CpuController } from './cpu-quota';
import {
  fitsTimeout,
  FUNCTION_TIMEOUT_S,
  LAMBDA_PRICE,
  MEMORY_SIZES_MB,
  projectWallS,
  PUBLISH_RESERVE_S,
  runCost,
} from './lambda-cost';
import { expectedFlagged, expectedUsages, lowerBound, minimumCalls, type CheckerThresholds } from './expectations';
import type { InvokeResult } from './invoke';
import { isOrgBench, runOrgBench } from './org';
import { isOrgDigestBench, runOrgDigestBench } from './org-digest';
import * as scenarios from './scenarios';
import type { BenchScenario } from './scenarios';
import { isUsageError, USAGE_EXIT_CODE, usageLine, UsageError } from './usage-error';

/** Scenario name → its estates (`requested`: every name asked for, to avoid running one estate twice). */
const SCENARIOS: Record<string, (now: Date, requested: readonly string[]) => BenchScenario[]> = {
  quiet: (now) => [scenarios.quiet(now)],
  typical: (now) => [scenarios.typical(now)],
  large: (now) => [scenarios.large(now)],
  smoke: (now) => [scenarios.smoke(now)],
  // Eight more estates: run at the stack's memory size only, the other sizes projected from their CPU time.
  scaling: (now, requested) =>
    scenarios.SCALING_REGIONS.flatMap((regions) =>
      scenarios.SCALING_LBS.filter((lbs) => !(regions === 17 && lbs === 400 && requested.includes('large'))) // = large
        .map((lbs) => ({
          ...scenarios.large(now, regions, lbs, `scale-${regions}r-${lbs}lb`),
          projectOtherSizes: true,
        })),
    ),
};
const DEFAULT_SCENARIOS = 'quiet,typical,large,scaling';

/** One line per scenario for --help: every name --scenarios takes. */
const SCENARIO_HELP: readonly (readonly [string, string])[] = [
  ['quiet', '20 certs, none near expiry; 17 regions x 20 LBs (a quiet day: one listing)'],
  ['typical', '20 certs, 3 flagged; 17 regions x 20 LBs'],
  ['large', '1000 certs, 50 flagged; 17 regions x (400 CLB + 400 ALB/NLB), 3 SNI'],
  ['smoke', '20 certs, 3 flagged; 3 regions x (5 CLB + 5 ALB/NLB), 2 SNI (what --smoke runs)'],
  [
    'scaling',
    `large at ${scenarios.SCALING_REGIONS.join('/')} regions x ${scenarios.SCALING_LBS.join('/')} LBs of each kind`,
  ],
  ['scale-<R>r-<N>lb', 'large at R regions x N LBs of each kind, e.g. scale-4r-100lb'],
  ['org-<N>', 'the organization run over N >= 10 accounts, alone (its flags: --scenarios org-<N> --help)'],
  ['org-digest-<N>', "the organization digest's rendering over N accounts, alone (--scenarios org-digest-<N> --help)"],
];

const HELP = `npm run bench -- [flags]

  --latency MS           delay before every response                      (default 20)
  --rate N --burst N     token bucket per region and service, every API   (default 50 req/s, burst 100)
  --elb-rate N --elb-burst N
                         bucket for Classic ELB and ELBv2 (describe calls) (default: same as --rate/--burst)
  --realistic            ELB describe calls at 10 req/s, burst 40; scenarios quiet,typical,large;
                         results file bench/results-realistic.json
  --scenarios LIST       comma-separated: ${Object.keys(SCENARIOS).join(',')},scale-<R>r-<N>lb (default: ${DEFAULT_SCENARIOS})
  --memory-sizes LIST    Lambda memory sizes (MB) each scenario also runs at, under that size's CPU share
                         (1,769 MB = one vCPU) and heap flags; "none" skips them  (default ${MEMORY_SIZES_MB.join(',')};
                         the scaling scenarios run at the stack's size only and project the others from CPU time)
  --sdk bundled|external handler bundle the scenarios run (default: the stack's choice, bundleAwsSdk)
  --cold-start-runs N    fresh processes per variant for cold-start init  (default 10; 0 skips)
  --json                 print one JSON document on stdout (the tables go to stderr)
  --smoke                one small scenario, no cold start, no memory sizes, no results file; exit 1 on a failed check
  --out FILE             results file (default: bench/results.json, written only by a full run: default
                         scenarios, cold start and memory sizes)
  --no-write             do not write the results file
  --memory MB            memory size of the main run's heap flags (semi space = MB/20, old space = MB*0.9)
                         (default: the stack's memorySize)
  --node-args=ARGS       extra node flags for the handler process, e.g. "--node-args=--cpu-prof --cpu-prof-dir=bench/out/prof"
  --verbose              show the handler's logs (WARN) and per-action call counts
  --help

Scenarios:
${SCENARIO_HELP.map(([name, line]) => `  ${name.padEnd(21)}  ${line}`).join('\n')}`;

interface Options {
  readonly latencyMs: number;
  readonly rules: RateLimitRule[];
  readonly scenarioNames: string[];
  readonly sdk?: SdkMode;
  readonly coldStartRuns: number;
  readonly smoke: boolean;
  readonly realistic: boolean;
  readonly out?: string;
  readonly verbose: boolean;
  readonly nodeArgs: string[];
  readonly memoryMb: number;
  /** Memory sizes every scenario also runs at under a CPU quota (empty: none). */
  readonly memorySizes: readonly number[];
  readonly json: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      latency: { type: 'string' },
      rate: { type: 'string' },
      burst: { type: 'string' },
      'elb-rate': { type: 'string' },
      'elb-burst': { type: 'string' },
      realistic: { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      sdk: { type: 'string' },
      'cold-start-runs': { type: 'string' },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'node-args': { type: 'string' },
      memory: { type: 'string' },
      'memory-sizes': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
  const num = (v: string | undefined, fallback: number, name: string): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name}: expected a number, got ${v}`);
    return n;
  };
  const realistic = values.realistic === true;
  const rate = num(values.rate, 50, 'rate');
  const burst = num(values.burst, 100, 'burst');
  const elbRate = num(values['elb-rate'], realistic ? 10 : rate, 'elb-rate');
  const elbBurst = num(values['elb-burst'], realistic ? 40 : burst, 'elb-burst');
  const rules: RateLimitRule[] = [
    { service: 'elb', ratePerSecond: elbRate, burst: elbBurst },
    { service: 'elbv2', ratePerSecond: elbRate, burst: elbBurst },
    { ratePerSecond: rate, burst },
  ];
  if (values.sdk !== undefined && values.sdk !== 'bundled' && values.sdk !== 'external')
    throw new UsageError(`--sdk: bundled or external, got ${values.sdk}`);
  const smoke = values.smoke === true;
  const scenarioNames = (values.scenarios ?? (smoke ? 'smoke' : realistic ? 'quiet,typical,large' : DEFAULT_SCENARIOS))
    .split(',')
    .map((s) => s.trim());
  // Before anything is built: a misspelt scenario fails in a second, not after the bundles.
  const unknown = scenarioNames.filter((name) => !isScenarioName(name));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown scenario ${unknown.join(', ')}; known: ${SCENARIO_HELP.map(([name]) => name).join(', ')}` +
        (unknown.some((name) => name.startsWith('org-')) ? ' (org-<N> runs alone: --scenarios org-<N>)' : ''),
    );
  // --realistic is bound by the rate limits (minutes per run): the stack's size only, unless asked.
  const sizesArg =
    values['memory-sizes'] ??
    (smoke ? 'none' : realistic ? String(values.memory ?? DEFAULT_MEMORY_SIZE_MB) : MEMORY_SIZES_MB.join(','));
  const memorySizes = sizesArg === 'none' ? [] : sizesArg.split(',').map((v) => num(v.trim(), 0, 'memory-sizes'));
  if (memorySizes.some((mb) => mb < 128)) throw new UsageError('--memory-sizes: Lambda memory sizes start at 128 MB');
  const coldStartRuns = smoke ? 0 : num(values['cold-start-runs'], 10, 'cold-start-runs');
  // The results file holds the latest full run only, every section from that run.
  const full = values.scenarios === undefined && values['memory-sizes'] === undefined && coldStartRuns > 0;
  const defaultOut = full
    ? path.join(PROJECT_ROOT, 'bench', realistic ? 'results-realistic.json' : 'results.json')
    : undefined;
  const out =
    values['no-write'] || smoke ? undefined : values.out !== undefined ? path.resolve(values.out) : defaultOut;
  return {
    latencyMs: num(values.latency, 20, 'latency'),
    rules,
    scenarioNames,
    ...(values.sdk !== undefined ? { sdk: values.sdk as SdkMode } : {}),
    coldStartRuns,
    smoke,
    realistic,
    ...(out !== undefined ? { out } : {}),
    verbose: values.verbose === true,
    memoryMb: num(values.memory, DEFAULT_MEMORY_SIZE_MB, 'memory'),
    memorySizes,
    json: values.json === true,
    nodeArgs: values['node-args']?.split(/\s+/).filter(Boolean) ?? [],
  };
}

const THRESHOLDS: CheckerThresholds = { thresholdDays: 7, warningDays: 30 };

/** How the handler process ran: the memory size its heap flags (and CPU quota, if any) stand for. */
interface RunSetup {
  readonly memoryMb: number;
  /** Absent: the host's CPUs, unthrottled. */
  readonly quota?: CpuQuotaGroup;
}

export interface ScenarioResult {
  readonly name: string;
  readonly description: string;
  readonly memoryMb: number;
  /** Share of one CPU the handler process had; absent when unthrottled. */
  readonly cpuShare?: number;
  /** Time the CPU quota held the process back (from the group's cpu.stat). */
  readonly cpuThrottledMs?: number;
  readonly wallMs: number;
  readonly lowerBoundMs: number;
  readonly wallOverBound: number;
  readonly binding: string;
  readonly calls: number;
  readonly minimumCalls: number;
  readonly callsByAction: Record<string, { readonly calls: number; readonly minimum: number }>;
  readonly attempts: number;
  readonly throttled: number;
  readonly repeatedCalls: number;
  readonly retriesReported: number;
  readonly peakRssMb: number;
  /** Sampled peak: heap in use at that moment and when it was (ms into the invocation). */
  readonly peakSample: InvokeResult['peakSample'];
  readonly serverCpuMs: number;
  readonly cpuMs: number;
  readonly initMs: number;
  readonly publishedMessages: number;
  readonly publishedBytes: number;
  readonly complete: boolean;
  readonly problems: readonly string[];
}

/** Runs one scenario in a fresh child process and checks what it did against what the scenario needs. */
async function runScenario(
  server: AwsServer,
  s: BenchScenario,
  bundle: BuiltBundle,
  invoker: string,
  o: Options,
  setup: RunSetup,
): Promise<ScenarioResult> {
  const now = new Date();
  server.setScenario(s.estate.scenario);
  server.setRateLimit(o.rules); // fresh, full buckets
  server.setLatency(o.latencyMs);
  server.reset();
  const env = {
    ...process.env,
    ...loopbackEnvironment(server.endpoint, {
      THRESHOLD_DAYS: String(THRESHOLDS.thresholdDays),
      WARNING_DAYS: String(THRESHOLDS.warningDays),
      REGIONS: 'all',
    }),
    NODE_OPTIONS: '--enable-source-maps',
    ...(o.verbose ? { POWERTOOLS_LOG_LEVEL: 'WARN' } : {}),
  };
  const serverCpu = process.cpuUsage();
  const result = await runChild(
    invoker,
    bundle.file,
    env,
    o.verbose,
    [...lambdaNodeArgs(setup.memoryMb), ...o.nodeArgs],
    setup.quota,
  );

  const serverCpuUsed = process.cpuUsage(serverCpu);
  const serverCpuMs = (serverCpuUsed.user + serverCpuUsed.system) / 1000;
  const problems: string[] = [];
  if (result.error) problems.push(`handler failed: ${result.error}`);
  const summary = (result.summary ?? {}) as {
    complete?: boolean;
    notChecked?: string[];
    apiCalls?: number;
    apiRetries?: number;
  };
  if (summary.complete !== true) problems.push(`coverage gaps: ${(summary.notChecked ?? []).slice(0, 3).join('; ')}`);

  // Calls: successful requests per action against the minimum; a repeat = the same request answered twice.
  const needs = minimumCalls(s.estate.scenario, THRESHOLDS, now);
  const published = server.published;
  const minimum: Record<string, number> = {
    ...needs.byAction,
    ...(published.length > 0 ? { 'sns:Publish': published.length } : {}),
  };
  const ok = server.requests.filter((r) => r.status === 200);
  const observed: Record<string, number> = {};
  const seen = new Set<string>();
  let repeatedCalls = 0;
  for (const r of ok) {
    const key = `${r.service}:${r.action}`;
    observed[key] = (observed[key] ?? 0) + 1;
    const identity = `${key}|${r.region}|${JSON.stringify(Object.entries(r.params).sort(([a], [b]) => a.localeCompare(b)))}`;
    if (seen.has(identity)) repeatedCalls++;
    seen.add(identity);
  }
  const callsByAction: Record<string, { calls: number; minimum: number }> = {};
  for (const key of [...new Set([...Object.keys(minimum), ...Object.keys(observed)])].sort()) {
    callsByAction[key] = { calls: observed[key] ?? 0, minimum: minimum[key] ?? 0 };
    if ((observed[key] ?? 0) !== (minimum[key] ?? 0))
      problems.push(`${key}: ${observed[key] ?? 0} calls, minimum ${minimum[key] ?? 0}`);
  }
  if (repeatedCalls > 0) problems.push(`${repeatedCalls} calls repeated`);
  const calls = Object.values(observed).reduce((a, b) => a + b, 0);
  const minimumTotal = Object.values(minimum).reduce((a, b) => a + b, 0);

  // Findings: every flagged certificate, each with every usage the estate has.
  const flagged = expectedFlagged(s.estate.scenario, THRESHOLDS, now);
  const usages = expectedUsages(s.estate.scenario, flagged);
  const reported = new Map<string, number>();
  for (const message of published) {
    const report = JSON.parse((JSON.parse(message.message) as { sqs: string }).sqs) as {
      findings: { certificate: { name: string }; usages: unknown[]; omittedUsages: number }[];
    };
    for (const f of report.findings)
      reported.set(f.certificate.name, (reported.get(f.certificate.name) ?? 0) + f.usages.length + f.omittedUsages);
  }
  if (reported.size !== usages.size || [...usages].some(([name, n]) => reported.get(name) !== n)) {
    const wrong = [...usages].filter(([name, n]) => reported.get(name) !== n).slice(0, 3);
    problems.push(
      `findings: ${reported.size} reported, ${usages.size} expected; e.g. ${wrong.map(([n, u]) => `${n}: ${reported.get(n) ?? 'missing'}/${u} usages`).join(', ')}`,
    );
  }

  const bound = lowerBound(needs, o.rules, o.latencyMs, published.length);
  return {
    name: s.name,
    description: s.description,
    memoryMb: setup.memoryMb,
    ...(setup.quota ? { cpuShare: setup.quota.share, cpuThrottledMs: setup.quota.throttling().throttledMs } : {}),
    wallMs: result.wallMs,
    lowerBoundMs: bound.totalMs,
    wallOverBound: result.wallMs / bound.totalMs,
    binding: bound.binding,
    calls,
    minimumCalls: minimumTotal,
    callsByAction,
    attempts: server.requests.length,
    throttled: server.count({ fault: 'rate-limit' }),
    repeatedCalls,
    retriesReported: summary.apiRetries ?? 0,
    peakRssMb: result.maxRssBytes / 2 ** 20,
    peakSample: result.peakSample,
    serverCpuMs,
    cpuMs: result.cpuUserMs + result.cpuSystemMs,
    initMs: result.initMs,
    publishedMessages: published.length,
    publishedBytes: published.reduce(
      (n, m) => n + Buffer.byteLength(m.message) + Buffer.byteLength(m.subject ?? ''),
      0,
    ),
    complete: summary.complete === true,
    problems,
  };
}

/**
 * The V8 flags the Lambda Node.js runtime's bootstrap derives from the function's memory size (new space = a
 * tenth, half of it per semi space; old space = the rest), so that peak RSS is measured under the same heap
 * limits as in Lambda.
 */
export function lambdaNodeArgs(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [
    '--expose-gc',
    '--max-http-header-size=81920',
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
  ];
}

function runChild(
  invoker: string,
  bundle: string,
  env: NodeJS.ProcessEnv,
  verbose: boolean,
  nodeArgs: readonly string[],
  quota?: CpuQuotaGroup,
): Promise<InvokeResult> {
  return new Promise((resolve, reject) => {
    const args = [...nodeArgs, invoker, bundle];
    const command = quota ? quota.wrap(process.execPath, args) : { file: process.execPath, args };
    const child = spawn(command.file, command.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // Ctrl-C or kill: stop the handler, so that the run fails through the callers' cleanup (its CPU group removed).
    const stop = () => child.kill('SIGKILL');
    process.once('SIGINT', stop).once('SIGTERM', stop);
    child.on('error', reject);
    child.on('close', (code) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (verbose)
        process.stderr.write(
          stdout
            .split('\n')
            .filter((l) => !l.startsWith('BENCH_RESULT '))
            .join('\n') + stderr,
        );
      if (!line)
        reject(
          new Error(`handler process exited ${code} without a result:\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`),
        );
      else resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as InvokeResult);
    });
  });
}

const SCALE = /^scale-([1-9]\d*)r-([1-9]\d*)lb$/;

function isScenarioName(name: string): boolean {
  return Object.hasOwn(SCENARIOS, name) || SCALE.test(name);
}

function selectScenarios(names: readonly string[], now: Date): BenchScenario[] {
  return names.flatMap((name) => {
    const factory = SCENARIOS[name];
    if (factory) return factory(now, names);
    const scale = SCALE.exec(name);
    if (scale) return [scenarios.large(now, Number(scale[1]), Number(scale[2]), name)];
    throw new UsageError(`unknown scenario ${name}`);
  });
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function table(rows: readonly ScenarioResult[]): string {
  const header = [
    'scenario',
    'wall s',
    'bound s',
    'wall/bound',
    'calls/min',
    'attempts',
    'throttled',
    'repeats',
    'RSS MB',
    'CPU s',
    'parts',
    'published KB',
    'check',
  ];
  const body = rows.map((r) => [
    r.name,
    fmt(r.wallMs / 1000, 2),
    fmt(r.lowerBoundMs / 1000, 2),
    fmt(r.wallOverBound, 2),
    `${r.calls}/${r.minimumCalls}`,
    String(r.attempts),
    String(r.throttled),
    String(r.repeatedCalls),
    fmt(r.peakRssMb, 0),
    fmt(r.cpuMs / 1000, 2),
    String(r.publishedMessages),
    fmt(r.publishedBytes / 1024, 0),
    r.problems.length === 0 ? 'ok' : 'FAIL',
  ]);
  return alignedTable(header, body);
}

/** First column left-aligned, the rest right-aligned, with a rule under the header. */
function alignedTable(header: readonly string[], body: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
}

/** One modelled memory size of one scenario: what Lambda would bill and whether it fits the timeout. */
export interface SizeProjection {
  /** Billed: init + invocation. */
  readonly durationS: number;
  readonly gbSeconds: number;
  readonly costUsd: number;
  readonly initS: number;
  readonly invocationS: number;
  /** The invocation ends before the scan deadline (timeout minus the publish reserve). */
  readonly fitsTimeout: boolean;
  /** `cpu-quota`: measured under the size's CPU share; `cpu-time`: projected from a measured run's CPU time. */
  readonly method: 'cpu-quota' | 'cpu-time';
  readonly cpuS: number;
  /** Measured under this size's heap flags (`cpu-quota` runs only). */
  readonly peakRssMb?: number;
  readonly cpuThrottledS?: number;
}

function measuredSize(r: ScenarioResult): SizeProjection {
  const initS = r.initMs / 1000;
  const invocationS = r.wallMs / 1000;
  return {
    ...runCost(r.memoryMb, initS, invocationS),
    initS,
    invocationS,
    fitsTimeout: fitsTimeout(invocationS),
    method: 'cpu-quota',
    cpuS: r.cpuMs / 1000,
    peakRssMb: r.peakRssMb,
    cpuThrottledS: (r.cpuThrottledMs ?? 0) / 1000,
  };
}

/** From a measured run (share 1 when unthrottled: the JavaScript thread has one core at most); init is CPU-bound. */
function projectedSize(base: ScenarioResult, memoryMb: number): SizeProjection {
  const share = lambdaCpuShare(memoryMb);
  const baseShare = base.cpuShare ?? 1;
  const initS = ((base.initMs / 1000) * baseShare) / share;
  const invocationS = projectWallS({ wallS: base.wallMs / 1000, cpuS: base.cpuMs / 1000, share: baseShare }, share);
  return {
    ...runCost(memoryMb, initS, invocationS),
    initS,
    invocationS,
    fitsTimeout: fitsTimeout(invocationS),
    method: 'cpu-time',
    cpuS: base.cpuMs / 1000,
  };
}

interface ScenarioReport {
  readonly main: ScenarioResult;
  readonly projected: Record<string, SizeProjection>;
  readonly problems: readonly string[];
}

/** The scenario unthrottled (wall against bound, calls, RSS), then at each memory size under its CPU quota. */
async function runScenarioSizes(
  server: AwsServer,
  s: BenchScenario,
  bundle: BuiltBundle,
  invoker: string,
  o: Options,
  cpu: CpuController,
): Promise<ScenarioReport> {
  const main = await runScenario(server, s, bundle, invoker, o, { memoryMb: o.memoryMb });
  progress(main, 'host CPUs');
  const problems = [...main.problems];
  const measured = new Map<number, ScenarioResult>();
  const controller = cpu.kind === 'none' ? undefined : cpu;
  const quotaSizes = !controller
    ? []
    : s.projectOtherSizes
      ? o.memorySizes.filter((mb) => mb === o.memoryMb)
      : o.memorySizes;
  for (const memoryMb of quotaSizes) {
    const quota = CpuQuotaGroup.create(controller!, lambdaCpuShare(memoryMb), `${memoryMb}mb`);
    try {
      const r = await runScenario(server, s, bundle, invoker, o, { memoryMb, quota });
      measured.set(memoryMb, r);
      progress(r, `${memoryMb} MB, ${fmt(quota.share, 3)} vCPU`);
      problems.push(...r.problems.map((p) => `${memoryMb} MB: ${p}`));
    } finally {
      quota.remove();
    }
  }
  const base = measured.get(o.memoryMb) ?? main;
  const projected = Object.fromEntries(
    o.memorySizes.map((mb) => [
      String(mb),
      measured.has(mb) ? measuredSize(measured.get(mb)!) : projectedSize(base, mb),
    ]),
  );
  return { main, projected, problems };
}

function progress(r: ScenarioResult, how: string): void {
  process.stderr.write(
    `  ${r.name} (${how}): ${fmt(r.wallMs / 1000, 2)} s, CPU ${fmt(r.cpuMs / 1000, 2)} s (${r.problems.length ? r.problems.join('; ') : 'ok'})\n`,
  );
}

function sizeTable(reports: readonly ScenarioReport[]): string {
  const header = [
    'scenario',
    'MB',
    'vCPU',
    'method',
    'init s',
    'run s',
    'billed s',
    'GB-s',
    'USD/run',
    `fits ${FUNCTION_TIMEOUT_S - PUBLISH_RESERVE_S} s`,
    'RSS MB',
    'CPU s',
    'throttled s',
  ];
  const body = reports.flatMap((r) =>
    Object.entries(r.projected).map(([mb, p]) => [
      r.main.name,
      mb,
      fmt(lambdaCpuShare(Number(mb)), 3),
      p.method,
      fmt(p.initS, 2),
      fmt(p.invocationS, 2),
      fmt(p.durationS, 2),
      fmt(p.gbSeconds, 2),
      p.costUsd.toPrecision(3),
      p.fitsTimeout ? 'yes' : 'NO',
      p.peakRssMb === undefined ? '-' : fmt(p.peakRssMb, 0),
      fmt(p.cpuS, 2),
      p.cpuThrottledS === undefined ? '-' : fmt(p.cpuThrottledS, 1),
    ]),
  );
  return alignedTable(header, body);
}

async function main(): Promise<void> {
  // The organization run has its own scenario and report (bench/org.ts).
  if (isOrgBench(process.argv.slice(2))) return runOrgBench(process.argv.slice(2));
  if (isOrgDigestBench(process.argv.slice(2))) return runOrgDigestBench(process.argv.slice(2));
  const o = parseOptions(process.argv.slice(2));
  const started = Date.now();
  // The stack's choice, read from the construct so that the bench runs what is deployed.
  const sdk: SdkMode = o.sdk ?? (DEFAULT_BUNDLE_AWS_SDK ? 'bundled' : 'external');
  const modes: SdkMode[] = o.smoke ? [sdk] : ['bundled', 'external'];
  const bundles = await Promise.all(modes.map((m) => buildHandler(m)));
  const invoker = await buildInvoker();
  const bundle = bundles.find((b) => b.mode === sdk)!;

  // People read the tables; with --json they go to stderr and stdout carries the document alone.
  const say = (s = '') => (o.json ? process.stderr : process.stdout).write(`${s}\n`);
  const cpu: CpuController =
    o.memorySizes.length > 0 ? CpuQuotaGroup.detect() : { kind: 'none', reason: 'no memory sizes asked for' };
  const cpuQuota =
    cpu.kind === 'none'
      ? {
          mechanism: 'none',
          reason: cpu.reason,
          fallback: 'every size projected from the main run\'s CPU time (method "cpu-time", an upper estimate)',
        }
      : {
          mechanism: `cgroup ${cpu.kind} cpu (${cpu.kind === 'v1' ? 'cpu.cfs_quota_us / cpu.cfs_period_us' : 'cpu.max'})`,
          root: cpu.root,
        };
  say(`machine: ${JSON.stringify(machine())}`);
  say(
    `latency ${o.latencyMs} ms; rate limits: ${o.rules.map((r) => `${r.service ?? '*'} ${r.ratePerSecond}/s burst ${r.burst}`).join(', ')}; handler bundle: SDK ${sdk}; main run: host CPUs, heap flags of a ${o.memoryMb} MB Lambda (${lambdaNodeArgs(o.memoryMb).join(' ')})`,
  );
  if (o.memorySizes.length > 0) {
    say(
      `memory sizes ${o.memorySizes.join(', ')} MB: ${cpu.kind === 'none' ? `NO CPU QUOTA POSSIBLE (${cpu.reason}); ${cpuQuota.fallback}` : `each under its CPU share (MB / 1769 of one CPU) via ${cpuQuota.mechanism} at ${cpu.root}`}`,
    );
  }

  let coldStart: Record<string, unknown> | undefined;
  if (o.coldStartRuns > 0) {
    const env = { ...process.env, ...loopbackEnvironment('http://127.0.0.1:9'), NODE_OPTIONS: '--enable-source-maps' };
    const { bareMs, results } = measureColdStarts(
      bundles.map((b) => b.file),
      o.coldStartRuns,
      env,
    );
    coldStart = { runs: o.coldStartRuns, bareNodeMedianMs: Math.round(bareMs) };
    say();
    say(
      `bundle and cold-start init (median of ${o.coldStartRuns} fresh processes, minus bare node start ${fmt(bareMs, 0)} ms):`,
    );
    bundles.forEach((b, i) => {
      const c = results[i]!;
      coldStart![b.mode] = {
        bytes: b.bytes,
        gzipBytes: b.gzipBytes,
        sourceMapBytes: b.sourceMapBytes,
        ...c,
        medianInitMs: Math.round(c.medianInitMs),
      };
      say(
        `  SDK ${b.mode.padEnd(8)}  ${fmt(b.bytes / 1024, 0).padStart(6)} KB (${fmt(b.gzipBytes / 1024, 0)} KB gzip, map ${fmt(b.sourceMapBytes / 1024, 0)} KB)  init ${fmt(c.medianInitMs, 0)} ms`,
      );
    });
  }

  const now = new Date();
  const selected = selectScenarios(o.scenarioNames, now);
  const server = await startAwsServer({ scenario: selected[0]!.estate.scenario });
  const reports: ScenarioReport[] = [];
  try {
    for (const s of selected) {
      const r = await runScenarioSizes(server, s, bundle, invoker, o, cpu);
      reports.push(r);
      if (o.verbose)
        for (const [k, v] of Object.entries(r.main.callsByAction))
          process.stderr.write(`    ${k} ${v.calls}/${v.minimum}\n`);
    }
  } finally {
    await server.close();
  }
  say();
  say(table(reports.map((r) => r.main)));
  for (const { main: r, problems } of reports) {
    say(
      `  ${r.name}: ${r.description}; bound from ${r.binding}; CPU ${fmt(r.cpuMs / Math.max(1, r.calls), 2)} ms per call; peak RSS sample ${fmt(r.peakSample.rssMb, 0)} MB (heap ${fmt(r.peakSample.heapUsedMb, 0)} MB used of ${fmt(r.peakSample.heapTotalMb, 0)} MB, external ${fmt(r.peakSample.externalMb, 0)} MB) at ${fmt(r.peakSample.atMs / 1000, 1)} s; loopback server CPU ${fmt(r.serverCpuMs / 1000, 1)} s`,
    );
    say(
      `    calls/minimum: ${Object.entries(r.callsByAction)
        .map(([k, v]) => `${k} ${v.calls}/${v.minimum}`)
        .join(', ')}`,
    );
    for (const p of problems) say(`    PROBLEM: ${p}`);
  }
  if (o.memorySizes.length > 0) {
    say();
    say(
      `per Lambda memory size (arm64 at $${LAMBDA_PRICE.usdPerGbSecond}/GB-s + $${(LAMBDA_PRICE.usdPerRequest * 1e6).toFixed(2)} per 1M requests, ${LAMBDA_PRICE.region}, ${LAMBDA_PRICE.source}; billed = init + run; timeout ${FUNCTION_TIMEOUT_S} s minus ${PUBLISH_RESERVE_S} s kept for publishing):`,
    );
    say(sizeTable(reports));
  }
  say(`\nbench took ${fmt((Date.now() - started) / 1000, 0)} s`);

  const document = {
    at: new Date().toISOString(),
    machine: machine(),
    settings: {
      latencyMs: o.latencyMs,
      memoryMb: o.memoryMb,
      nodeArgs: lambdaNodeArgs(o.memoryMb),
      rateLimits: o.rules,
      sdk,
      thresholds: THRESHOLDS,
      memorySizes: o.memorySizes,
    },
    cpuQuota,
    lambda: {
      price: LAMBDA_PRICE,
      timeoutS: FUNCTION_TIMEOUT_S,
      publishReserveS: PUBLISH_RESERVE_S,
      mbPerVcpu: MB_PER_VCPU,
    },
    bundleAndColdStart: coldStart,
    scenarios: reports.map(({ main: r, projected, problems }) => ({
      name: r.name,
      wallS: r.wallMs / 1000,
      boundS: r.lowerBoundMs / 1000,
      calls: r.calls,
      minimumCalls: r.minimumCalls,
      cpuS: r.cpuMs / 1000,
      peakRssMb: r.peakRssMb,
      publishedBytes: r.publishedBytes,
      projected,
      cpuMsPerCall: r.cpuMs / Math.max(1, r.calls),
      problems,
      main: r,
    })),
  };
  if (o.json) process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  if (o.out) writeFileSync(o.out, `${JSON.stringify(document, null, 2)}\n`);
  const failed = reports.filter((r) => r.problems.length > 0);
  if (failed.length > 0) {
    process.stderr.write(
      `\n${failed.length} scenario(s) failed a check: ${failed.map((r) => r.main.name).join(', ')}\n`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  if (isUsageError(error)) process.stderr.write(`${usageLine(error)}\n`);
  else console.error(error);
  process.exitCode = USAGE_EXIT_CODE;
});
