/**
 * `npm run bench`: the checker, bundled as deployed, run in a fresh child process per scenario against the
 * loopback AWS server with per-request latency and per-(region, service) token-bucket rate limits. Reports wall
 * time against the lower bound the limits impose, calls against the minimum, throttling, peak RSS, bytes
 * published, and bundle size + cold-start init with the SDK bundled vs external. `--help` for the flags.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BUNDLE_AWS_SDK, DEFAULT_MEMORY_SIZE_MB } from '../lib/constructs/checker-function';
import { startAwsServer, type AwsServer, type RateLimitRule } from '../local-aws';
import { loopbackEnvironment } from '../local-aws/lambda-harness';
import { buildHandler, buildInvoker, PROJECT_ROOT, type BuiltBundle, type SdkMode } from './build';
import { measureColdStarts } from './cold-start';
import { expectedFlagged, expectedUsages, lowerBound, minimumCalls, type CheckerThresholds } from './expectations';
import type { InvokeResult } from './invoke';
import { isOrgBench, runOrgBench } from './org';
import * as scenarios from './scenarios';
import type { BenchScenario } from './scenarios';

const HELP = `npm run bench -- [flags]

  --latency MS           delay before every response                      (default 20)
  --rate N --burst N     token bucket per region and service, every API   (default 50 req/s, burst 100)
  --elb-rate N --elb-burst N
                         bucket for Classic ELB and ELBv2 (describe calls) (default: same as --rate/--burst)
  --realistic            ELB describe calls at 10 req/s, burst 40; scenarios quiet,typical,large;
                         results stored under "realistic" in bench/results.json
  --scenarios LIST       comma-separated: quiet,typical,large,scaling,smoke,scale-<R>r-<N>lb (default: quiet,typical,large,scaling)
  --sdk bundled|external handler bundle the scenarios run (default: the stack's choice, bundleAwsSdk)
  --cold-start-runs N    fresh processes per variant for cold-start init  (default 10; 0 skips)
  --smoke                one small scenario, no cold start, no results file; exit 1 on a failed check
  --out FILE             results file (default bench/results.json; --no-write to skip)
  --no-write             do not write the results file
  --memory MB            Lambda memory size the handler process emulates: the runtime's V8 heap flags
                         (semi space = MB/20, old space = MB*0.9)  (default: the stack's memorySize)
  --node-args ARGS       extra node flags for the handler process, e.g. "--cpu-prof --cpu-prof-dir=bench/out/prof"
  --verbose              show the handler's logs (WARN) and per-action call counts
  --help`;

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
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const num = (v: string | undefined, fallback: number, name: string): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: expected a number, got ${v}`);
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
  if (values.sdk !== undefined && values.sdk !== 'bundled' && values.sdk !== 'external') throw new Error('--sdk: bundled or external');
  const smoke = values.smoke === true;
  const scenarioNames = (values.scenarios ?? (smoke ? 'smoke' : realistic ? 'quiet,typical,large' : 'quiet,typical,large,scaling')).split(',').map((s) => s.trim());
  return {
    latencyMs: num(values.latency, 20, 'latency'),
    rules,
    scenarioNames,
    sdk: values.sdk as SdkMode | undefined,
    coldStartRuns: smoke ? 0 : num(values['cold-start-runs'], 10, 'cold-start-runs'),
    smoke,
    realistic,
    out: values['no-write'] || smoke ? undefined : path.resolve(values.out ?? path.join(PROJECT_ROOT, 'bench', 'results.json')),
    verbose: values.verbose === true,
    memoryMb: num(values.memory, DEFAULT_MEMORY_SIZE_MB, 'memory'),
    nodeArgs: values['node-args']?.split(/\s+/).filter(Boolean) ?? [],
  };
}

const THRESHOLDS: CheckerThresholds = { thresholdDays: 7, warningDays: 30 };

export interface ScenarioResult {
  readonly name: string;
  readonly description: string;
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
async function runScenario(server: AwsServer, s: BenchScenario, bundle: BuiltBundle, invoker: string, o: Options): Promise<ScenarioResult> {
  const now = new Date();
  server.setScenario(s.estate.scenario);
  server.setRateLimit(o.rules); // fresh, full buckets
  server.setLatency(o.latencyMs);
  server.reset();
  const env = {
    ...process.env,
    ...loopbackEnvironment(server.endpoint, { THRESHOLD_DAYS: String(THRESHOLDS.thresholdDays), WARNING_DAYS: String(THRESHOLDS.warningDays), REGIONS: 'all' }),
    NODE_OPTIONS: '--enable-source-maps',
    ...(o.verbose ? { POWERTOOLS_LOG_LEVEL: 'WARN' } : {}),
  };
  const serverCpu = process.cpuUsage();
  const result = await runChild(invoker, bundle.file, env, o.verbose, [...lambdaNodeArgs(o.memoryMb), ...o.nodeArgs]);

  const serverCpuUsed = process.cpuUsage(serverCpu);
  const serverCpuMs = (serverCpuUsed.user + serverCpuUsed.system) / 1000;
  const problems: string[] = [];
  if (result.error) problems.push(`handler failed: ${result.error}`);
  const summary = (result.summary ?? {}) as { complete?: boolean; notChecked?: string[]; apiCalls?: number; apiRetries?: number };
  if (summary.complete !== true) problems.push(`coverage gaps: ${(summary.notChecked ?? []).slice(0, 3).join('; ')}`);

  // Calls: successful requests per action against the minimum; a repeat = the same request answered twice.
  const needs = minimumCalls(s.estate.scenario, THRESHOLDS, now);
  const published = server.published;
  const minimum: Record<string, number> = { ...needs.byAction, ...(published.length > 0 ? { 'sns:Publish': published.length } : {}) };
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
    if ((observed[key] ?? 0) !== (minimum[key] ?? 0)) problems.push(`${key}: ${observed[key] ?? 0} calls, minimum ${minimum[key] ?? 0}`);
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
    for (const f of report.findings) reported.set(f.certificate.name, (reported.get(f.certificate.name) ?? 0) + f.usages.length + f.omittedUsages);
  }
  if (reported.size !== usages.size || [...usages].some(([name, n]) => reported.get(name) !== n)) {
    const wrong = [...usages].filter(([name, n]) => reported.get(name) !== n).slice(0, 3);
    problems.push(`findings: ${reported.size} reported, ${usages.size} expected; e.g. ${wrong.map(([n, u]) => `${n}: ${reported.get(n) ?? 'missing'}/${u} usages`).join(', ')}`);
  }

  const bound = lowerBound(needs, o.rules, o.latencyMs, published.length);
  return {
    name: s.name,
    description: s.description,
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
    publishedBytes: published.reduce((n, m) => n + Buffer.byteLength(m.message) + Buffer.byteLength(m.subject ?? ''), 0),
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
  return ['--expose-gc', '--max-http-header-size=81920', `--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
}

function runChild(invoker: string, bundle: string, env: NodeJS.ProcessEnv, verbose: boolean, nodeArgs: readonly string[]): Promise<InvokeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, invoker, bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (verbose) process.stderr.write(stdout.split('\n').filter((l) => !l.startsWith('BENCH_RESULT ')).join('\n') + stderr);
      if (!line) reject(new Error(`handler process exited ${code} without a result:\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`));
      else resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as InvokeResult);
    });
  });
}

function selectScenarios(names: readonly string[], now: Date): BenchScenario[] {
  const out: BenchScenario[] = [];
  for (const name of names) {
    if (name === 'quiet') out.push(scenarios.quiet(now));
    else if (name === 'typical') out.push(scenarios.typical(now));
    else if (name === 'large') out.push(scenarios.large(now));
    else if (name === 'smoke') out.push(scenarios.smoke(now));
    else if (/^scale-\d+r-\d+lb$/.test(name)) {
      const [, regions, lbs] = /^scale-(\d+)r-(\d+)lb$/.exec(name)!;
      out.push(scenarios.large(now, Number(regions), Number(lbs), name));
    }
    else if (name === 'scaling') {
      for (const regions of scenarios.SCALING_REGIONS) {
        for (const lbs of scenarios.SCALING_LBS) {
          // 17 regions x 400 is the large scenario itself: not run twice when both are asked for.
          if (regions === 17 && lbs === 400 && names.includes('large')) continue;
          out.push(scenarios.large(now, regions, lbs, `scale-${regions}r-${lbs}lb`));
        }
      }
    } else throw new Error(`unknown scenario ${name} (quiet, typical, large, scaling, smoke)`);
  }
  return out;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function table(rows: readonly ScenarioResult[]): string {
  const header = ['scenario', 'wall s', 'bound s', 'wall/bound', 'calls/min', 'attempts', 'throttled', 'repeats', 'RSS MB', 'CPU s', 'parts', 'published KB', 'check'];
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
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function machine() {
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}`, memoryGb: Math.round(os.totalmem() / 2 ** 30) };
}

async function main(): Promise<void> {
  // The organization run has its own scenario and report (bench/org.ts).
  if (isOrgBench(process.argv.slice(2))) return runOrgBench(process.argv.slice(2));
  const o = parseOptions(process.argv.slice(2));
  const started = Date.now();
  // The stack's choice, read from the construct so that the bench runs what is deployed.
  const sdk: SdkMode = o.sdk ?? (DEFAULT_BUNDLE_AWS_SDK ? 'bundled' : 'external');
  const modes: SdkMode[] = o.smoke ? [sdk] : ['bundled', 'external'];
  const bundles = await Promise.all(modes.map((m) => buildHandler(m)));
  const invoker = await buildInvoker();
  const bundle = bundles.find((b) => b.mode === sdk)!;

  const lines: string[] = [];
  const say = (s = '') => {
    console.log(s);
    lines.push(s);
  };
  say(`machine: ${JSON.stringify(machine())}`);
  say(`latency ${o.latencyMs} ms; rate limits: ${o.rules.map((r) => `${r.service ?? '*'} ${r.ratePerSecond}/s burst ${r.burst}`).join(', ')}; handler bundle: SDK ${sdk}; handler process as a ${o.memoryMb} MB Lambda (${lambdaNodeArgs(o.memoryMb).join(' ')})`);

  let coldStart: Record<string, unknown> | undefined;
  if (o.coldStartRuns > 0) {
    const env = { ...process.env, ...loopbackEnvironment('http://127.0.0.1:9'), NODE_OPTIONS: '--enable-source-maps' };
    const { bareMs, results } = measureColdStarts(bundles.map((b) => b.file), o.coldStartRuns, env);
    coldStart = { runs: o.coldStartRuns, bareNodeMedianMs: Math.round(bareMs) };
    say();
    say(`bundle and cold-start init (median of ${o.coldStartRuns} fresh processes, minus bare node start ${fmt(bareMs, 0)} ms):`);
    bundles.forEach((b, i) => {
      const c = results[i]!;
      coldStart![b.mode] = { bytes: b.bytes, gzipBytes: b.gzipBytes, sourceMapBytes: b.sourceMapBytes, ...c, medianInitMs: Math.round(c.medianInitMs) };
      say(`  SDK ${b.mode.padEnd(8)}  ${fmt(b.bytes / 1024, 0).padStart(6)} KB (${fmt(b.gzipBytes / 1024, 0)} KB gzip, map ${fmt(b.sourceMapBytes / 1024, 0)} KB)  init ${fmt(c.medianInitMs, 0)} ms`);
    });
  }

  const now = new Date();
  const selected = selectScenarios(o.scenarioNames, now);
  const server = await startAwsServer({ scenario: selected[0]!.estate.scenario });
  const results: ScenarioResult[] = [];
  try {
    for (const s of selected) {
      const r = await runScenario(server, s, bundle, invoker, o);
      results.push(r);
      process.stderr.write(`  ${r.name}: ${fmt(r.wallMs / 1000, 2)} s (${r.problems.length ? r.problems.join('; ') : 'ok'})\n`);
      if (o.verbose) for (const [k, v] of Object.entries(r.callsByAction)) process.stderr.write(`    ${k} ${v.calls}/${v.minimum}\n`);
    }
  } finally {
    await server.close();
  }
  say();
  say(table(results));
  for (const r of results) {
    say(`  ${r.name}: ${r.description}; bound from ${r.binding}; peak RSS sample ${fmt(r.peakSample.rssMb, 0)} MB (heap ${fmt(r.peakSample.heapUsedMb, 0)} MB) at ${fmt(r.peakSample.atMs / 1000, 1)} s; loopback server CPU ${fmt(r.serverCpuMs / 1000, 1)} s`);
    say(`    calls/minimum: ${Object.entries(r.callsByAction).map(([k, v]) => `${k} ${v.calls}/${v.minimum}`).join(', ')}`);
    for (const p of r.problems) say(`    PROBLEM: ${p}`);
  }
  say(`\nbench took ${fmt((Date.now() - started) / 1000, 0)} s`);

  if (o.out) {
    const existing = existsSync(o.out) ? (JSON.parse(readFileSync(o.out, 'utf8')) as { runs?: Record<string, unknown> }) : {};
    const run = {
      at: new Date().toISOString(),
      machine: machine(),
      settings: { latencyMs: o.latencyMs, memoryMb: o.memoryMb, nodeArgs: lambdaNodeArgs(o.memoryMb), rateLimits: o.rules, sdk, thresholds: THRESHOLDS },
      bundleAndColdStart: coldStart,
      scenarios: results,
    };
    const runs = { ...(existing.runs ?? {}), [o.realistic ? 'realistic' : 'default']: run };
    writeFileSync(o.out, `${JSON.stringify({ runs }, null, 2)}\n`);
  }
  const failed = results.filter((r) => r.problems.length > 0);
  if (failed.length > 0) {
    console.error(`\n${failed.length} scenario(s) failed a check: ${failed.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
