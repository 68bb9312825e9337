/**
 * `npm run bench -- --scenarios org-digest-2000`: the organization aggregate step's rendering alone (pure, no
 * loopback server): `renderOrgPublishRequests` over an org report of N accounts with findings, one with 5,000
 * flagged certificates and a few not checked (bench/org-digest-report.ts), rendered several times. Reports the
 * median render time on this host and projected at the aggregate function's CPU share, and what the requests
 * hold (bench/org-digest-summary.ts). `--help` for the flags.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_MEMORY_SIZE_MB } from '../lib/constructs/checker-function';
import { renderOrgPublishRequests } from '../lambda/render/org-publish-requests';
import { PROJECT_ROOT } from './build';
import { median } from './cold-start';
import { lambdaCpuShare } from './cpu-quota';
import { projectWallS } from './lambda-cost';
import { count } from './org';
import { LARGE_ACCOUNT_CERTIFICATES, NOT_CHECKED_ACCOUNTS, orgDigestReport } from './org-digest-report';
import { summariseOrgRequests, summaryProblems, type OrgDigestSummary } from './org-digest-summary';
import { measureOrgPublish, type OrgPublishResult } from './org-publish';

/** The aggregate function's memory size: lib/org-monitor-stack.ts gives `Aggregate` DEFAULT_MEMORY_SIZE_MB. */
export const AGGREGATE_MEMORY_MB = DEFAULT_MEMORY_SIZE_MB;

export const ORG_DIGEST_HELP = `npm run bench -- --scenarios org-digest-<N>[,org-digest-<N>...] [flags]

  N accounts with 1-3 flagged certificates each, one account with ${LARGE_ACCOUNT_CERTIFICATES} flagged certificates and
  ${NOT_CHECKED_ACCOUNTS} accounts not checked; the aggregate step's rendering alone (renderOrgPublishRequests), in this process

  --runs N              renderings per scenario; the median time is reported       (default 3)
  --memory MB           the aggregate function's memory, for its CPU share (MB / 1,769 of one vCPU)
                                                                                   (default: the stack's, ${AGGREGATE_MEMORY_MB})
  --publish             also publish every message through the SNS digest sink to the loopback server
  --latency MS          with --publish: delay before every Publish response          (default 20)
  --out FILE            results file (default bench/org-digest-results.json; --no-write to skip)`;

const SCENARIO = /^org-digest-(\d+)$/;

/** Every name after --scenarios is an org-digest-<N>: this bench runs them, alone. */
export function isOrgDigestBench(argv: readonly string[]): boolean {
  const i = argv.indexOf('--scenarios');
  const names = (argv[i + 1] ?? '').split(',');
  return i >= 0 && names.every((name) => SCENARIO.test(name.trim()));
}

export interface OrgDigestResult extends OrgDigestSummary {
  readonly scenario: string;
  readonly accountsWithFindings: number;
  readonly buildReportMs: number;
  readonly renderMs: readonly number[];
  readonly medianRenderMs: number;
  readonly medianRenderCpuMs: number;
  /** Median render time at the aggregate function's CPU share (bench/lambda-cost.ts projectWallS). */
  readonly projectedLambdaS: number;
  readonly problems: readonly string[];
  /** With --publish: the sink's publishing over the loopback server. */
  readonly publish?: OrgPublishResult;
}

/** One scenario: builds the org report, renders it `runs` times; the summary is of the last rendering. */
export async function measureOrgDigest(
  accounts: number,
  runs: number,
  memoryMb: number,
  publishLatencyMs?: number,
): Promise<OrgDigestResult> {
  let started = performance.now();
  const runId = 'bench-org-digest';
  const org = {
    ...orgDigestReport({
      accounts,
      largeAccountCertificates: LARGE_ACCOUNT_CERTIFICATES,
      notChecked: NOT_CHECKED_ACCOUNTS,
    }),
    runId,
    reportLocation: `s3://iam-cert-expiry-run-data/runs/${runId}/`,
  };
  const buildReportMs = performance.now() - started;
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  let summary = summariseOrgRequests({ digest: [], accounts: [] });
  for (let i = 0; i < runs; i += 1) {
    const cpu = process.cpuUsage();
    started = performance.now();
    // The account messages render as they are iterated, so the time covers every message the publisher sends.
    summary = summariseOrgRequests(renderOrgPublishRequests(org));
    wallMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  const share = lambdaCpuShare(memoryMb);
  const projected = wallMs.map((ms, i) => projectWallS({ wallS: ms / 1000, cpuS: cpuMs[i]! / 1000, share: 1 }, share));
  return {
    scenario: `org-digest-${accounts}`,
    accountsWithFindings: org.accounts.length,
    buildReportMs,
    renderMs: wallMs,
    medianRenderMs: median(wallMs),
    medianRenderCpuMs: median(cpuMs),
    projectedLambdaS: median(projected),
    ...summary,
    problems: summaryProblems(summary),
    ...(publishLatencyMs === undefined ? {} : { publish: await measureOrgPublish(org, publishLatencyMs) }),
  };
}

export async function runOrgDigestBench(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scenarios: { type: 'string' },
      runs: { type: 'string', default: '3' },
      memory: { type: 'string', default: String(AGGREGATE_MEMORY_MB) },
      out: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      publish: { type: 'boolean', default: false },
      latency: { type: 'string', default: '20' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${ORG_DIGEST_HELP}\n`);
    return;
  }
  const sizes = (values.scenarios ?? '')
    .split(',')
    .map((name) => count(SCENARIO.exec(name.trim())?.[1] ?? '', 'org-digest-<N>', 1));
  const runs = count(values.runs, '--runs', 1);
  const memoryMb = count(values.memory, '--memory', 128);
  const publishLatencyMs = values.publish ? count(values.latency, '--latency') : undefined;
  const f = (x: number, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const results: OrgDigestResult[] = [];
  for (const n of sizes) {
    const r = await measureOrgDigest(n, runs, memoryMb, publishLatencyMs);
    results.push(r);
    console.log(
      `${r.scenario}: ${r.accountsWithFindings} accounts with findings (${n} + one with ${LARGE_ACCOUNT_CERTIFICATES} certificates), ${NOT_CHECKED_ACCOUNTS} not checked; report built in ${f(r.buildReportMs)} ms`,
    );
    console.log(
      `  render: median ${f(r.medianRenderMs)} ms of ${runs} (CPU ${f(r.medianRenderCpuMs)} ms; runs ${r.renderMs.map((ms) => f(ms)).join(', ')} ms); at ${memoryMb} MB (${f(lambdaCpuShare(memoryMb), 3)} vCPU) about ${f(r.projectedLambdaS, 1)} s`,
    );
    console.log(
      `  digest: ${r.digestParts} parts, ${r.accountsWithSection} accounts with a section, ${r.accountsCountedWithoutSection} counted without one, ${r.unrenderedSections} unrendered sections`,
    );
    console.log(
      `  ${r.accountMessages} account messages; largest request ${f(r.largestRequestBytes)} bytes; ${f(r.totalBytes / 1_048_576, 1)} MiB published in all`,
    );
    if (r.publish)
      console.log(
        `  publish: ${f(r.publish.calls)} Publish calls in ${f(r.publish.wallS, 1)} s at ${r.publish.latencyMs} ms latency, ${r.publish.inFlight} account messages in flight (latency alone: ${f(r.publish.boundS, 1)} s)`,
      );
    for (const p of r.problems) console.log(`  PROBLEM: ${p}`);
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS of this process ${f(maxRssMb)} MB`);
  if (!values['no-write']) {
    const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, 'bench', 'org-digest-results.json'));
    const document = {
      at: new Date().toISOString(),
      settings: {
        runs,
        memoryMb,
        cpuShare: lambdaCpuShare(memoryMb),
        node: process.version,
        ...(publishLatencyMs === undefined ? {} : { publishLatencyMs }),
      },
      maxRssMb,
      scenarios: results,
    };
    writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  }
  if (results.some((r) => r.problems.length > 0)) process.exitCode = 1;
}
