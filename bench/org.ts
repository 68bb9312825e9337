/**
 * `npm run bench -- --scenarios org-1000,org-10000`: the organization run over N member accounts on the loopback
 * server, as deployed: the state machine definition synthesized from the stack's construct (its ItemBatcher,
 * MaxConcurrency and retries) run by the local runner over the three real handlers. Measured in-process: the
 * calls each account's scan makes, the batches, the state transitions and invocations, the aggregate step's
 * compute time and memory. Modelled (bench/org-model.ts): the wall time and Lambda time where each call costs a
 * round trip, with the flags' latencies. Priced from AWS's public prices (PRICES). `--help` for the flags.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BATCH_ACCOUNT_CONCURRENCY } from '../contract/defaults';
import type { AccountItem } from '../contract/organization';
import { PARENTS_AT_ONCE } from '../lambda/aws/organizations';
import { DEFAULT_CONCURRENCY } from '../lambda/create-handler';
import { DEFAULT_MEMORY_SIZE_MB } from '../lib/constructs/checker-function';
import { scenarioBuilder, startAwsServer, type Scenario } from '../local-aws';
import { batchesOf, mapPlanOf } from '../local-aws/asl-map';
import type { OrganizationMember, OrganizationScenario } from '../local-aws/estate/organization-scenario';
import { applyEnvironment, lambdaContext } from '../local-aws/lambda-harness';
import { loadOrgHandlers, loopbackOrgEnvironment } from '../local-aws/org-harness';
import { orgRunDefinition } from '../local-aws/org-definition';
import { runStateMachine } from '../local-aws/state-machine-run';
import { PROJECT_ROOT } from './build';
import { modelRun, type LatencyModel, type ModelledRun } from './org-model';
import { UsageError } from './usage-error';

export const ORG_HELP = `npm run bench -- --scenarios org-<N>[,org-<N>...] [flags]

  The latency model (what each step costs where the calls are real; see bench/org-model.ts):
  --latency MS          one AWS API call from a function                      (default 50)
  --assume-role MS      one sts:AssumeRole                                    (default 100)
  --child-start MS      Step Functions starting a child and invoking the scan (default 250)
  --cold-start MS       a new Lambda environment's initialisation             (default 1000)
  --sts-rate N          AssumeRole calls per second the hub account is allowed (default 100)

  --findings-share F    share of the accounts with a typical estate of findings (default 0.01)
  --memory MB           memory of the scan and aggregate functions            (default: the stack's, ${DEFAULT_MEMORY_SIZE_MB})
  --runs-per-month N    scheduled runs per month, for the monthly cost        (default 30)
  --json                print the results as one JSON document on stdout
  --out FILE            results file (default bench/org-results.json; --no-write to skip)`;

/**
 * Prices in US East (N. Virginia), as the pricing pages give them (checked 2026-12-07):
 * https://aws.amazon.com/step-functions/pricing/ (Standard: $0.025 per 1,000 state transitions, retries included,
 * 4,000 free a month; Express: $1.00 per million requests, $0.00001667 per GB-second for the first 1,000 hours,
 * duration rounded up to 100 ms, memory billed in 64 MB steps) and https://aws.amazon.com/lambda/pricing/ (arm64:
 * $0.0000133334 per GB-second, $0.20 per million requests).
 */
export const PRICES = {
  checked: '2026-12-07',
  sources: ['https://aws.amazon.com/step-functions/pricing/', 'https://aws.amazon.com/lambda/pricing/'],
  stateTransition: 0.025 / 1000,
  freeStateTransitionsPerMonth: 4000,
  expressRequest: 1 / 1_000_000,
  expressGbSecond: 0.00001667,
  expressMemoryStepMb: 64,
  expressDurationStepMs: 100,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1_000_000,
} as const;

/** Memory of the list-accounts function (lib/org-monitor-stack.ts). */
const LIST_MEMORY_MB = 256;

/** Lambda gives a function CPU in proportion to its memory: one vCPU at 1,769 MB. */
const ONE_VCPU_MB = 1769;

/** A whole number of at least `min`, or a usage error naming the flag. */
export function count(value: string, flag: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag}: expected a whole number >= ${min}, got ${value}`);
  return n;
}

function share(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`${flag}: expected a number from 0 to 1, got ${value}`);
  return n;
}

const ORG_SCENARIO = /^org-(\d+)$/;

/** `--scenarios org-1000` or `org-1000,org-10000`. */
export function isOrgBench(argv: readonly string[]): boolean {
  const i = argv.indexOf('--scenarios');
  const names = (argv[i + 1] ?? '').split(',');
  return i >= 0 && names.every((name) => ORG_SCENARIO.test(name));
}

const MANAGEMENT = '100000000000';
const TOPIC = `arn:aws:sns:us-east-1:${MANAGEMENT}:iam-cert-expiry-alerts`;

/**
 * N member accounts in OUs of 100 under the root, each with three certificates far from expiry in two regions; one
 * in `every` holds a typical estate of findings: two more certificates, one expiring in 3 days and behind an ALB,
 * one expired, and a Classic ELB.
 */
function organization(n: number, every: number, now: Date): OrganizationScenario {
  const ous = Array.from({ length: Math.ceil(n / 100) }, (_, i) => ({
    id: `ou-bnch-${String(i).padStart(8, '0')}`,
    name: `ou-${i}`,
  }));
  const accounts: OrganizationMember[] = Array.from({ length: n }, (_, i) => {
    const id = String(200_000_000_000 + i);
    let b = scenarioBuilder({ now })
      .account(id)
      .regions('us-east-1', 'eu-west-1')
      .certificate('www', { expiresInDays: 200 })
      .certificate('api', { expiresInDays: 120 })
      .certificate('old', { expiresInDays: 300 });
    if (every > 0 && i % every === every - 1)
      b = b
        .certificate('shop', { expiresInDays: 3 })
        .certificate('legacy', { expiresInDays: -1 })
        .alb('us-east-1', 'shop-alb', 'shop')
        .alb('eu-west-1', 'shop-eu-alb', 'shop');
    return { id, name: `account-${i}`, parentId: ous[Math.floor(i / 100)]!.id, estate: b.build() };
  });
  return {
    managementAccountId: MANAGEMENT,
    organizationalUnits: ous,
    accounts: [{ id: MANAGEMENT, name: 'management', memberRole: 'missing' }, ...accounts],
  };
}

interface BenchSettings {
  readonly latency: LatencyModel;
  readonly findingsShare: number;
  readonly memoryMb: number;
  readonly runsPerMonth: number;
}

export async function runOrgBench(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scenarios: { type: 'string' },
      latency: { type: 'string', default: '50' },
      'assume-role': { type: 'string', default: '100' },
      'child-start': { type: 'string', default: '250' },
      'cold-start': { type: 'string', default: '1000' },
      'sts-rate': { type: 'string', default: '100' },
      'findings-share': { type: 'string', default: '0.01' },
      memory: { type: 'string', default: String(DEFAULT_MEMORY_SIZE_MB) },
      'runs-per-month': { type: 'string', default: '30' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${ORG_HELP}\n`);
    return;
  }
  const sizes = (values.scenarios ?? '').split(',').map((name) => Number(ORG_SCENARIO.exec(name)?.[1]));
  if (sizes.some((n) => !(n >= 1))) throw new UsageError(`org-<N>: N is at least 1, got ${values.scenarios}`);
  const settings: BenchSettings = {
    latency: {
      perCallMs: count(values.latency, '--latency'),
      assumeRoleMs: count(values['assume-role'], '--assume-role'),
      childStartMs: count(values['child-start'], '--child-start'),
      coldStartMs: count(values['cold-start'], '--cold-start'),
      stsPerSecond: count(values['sts-rate'], '--sts-rate', 1),
    },
    findingsShare: share(values['findings-share'], '--findings-share'),
    memoryMb: count(values.memory, '--memory', 128),
    runsPerMonth: count(values['runs-per-month'], '--runs-per-month'),
  };
  // With --json the tables go to stderr and stdout carries the document alone.
  const say = (s: string) => (values.json ? process.stderr : process.stdout).write(`${s}\n`);
  const scenarios = [];
  for (const n of sizes) {
    const result = await benchOrganization(n, settings);
    scenarios.push(result);
    for (const line of summaryLines(result)) say(line);
  }
  const document = {
    at: new Date().toISOString(),
    prices: PRICES,
    latencyModel: settings.latency,
    settings: {
      findingsShare: settings.findingsShare,
      memoryMb: settings.memoryMb,
      runsPerMonth: settings.runsPerMonth,
    },
    scenarios,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  if (!values['no-write']) {
    const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, 'bench', 'org-results.json'));
    writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  }
}

type OrgBenchResult = Awaited<ReturnType<typeof benchOrganization>>;

async function benchOrganization(n: number, settings: BenchSettings) {
  const now = new Date();
  const every = settings.findingsShare > 0 ? Math.round(1 / settings.findingsShare) : 0;
  const management: Scenario = scenarioBuilder({ now })
    .account(MANAGEMENT)
    .regions('us-east-1')
    .certificate('sso', { expiresInDays: 90 })
    .topic(TOPIC)
    .build();
  const server = await startAwsServer({
    scenario: management,
    organization: organization(n, every, now),
    latencyMs: 0,
  });
  const restore = applyEnvironment(loopbackOrgEnvironment(server.endpoint, { topicArn: TOPIC }));
  try {
    const definition = orgRunDefinition();
    const plan = mapPlanOf(definition);
    // Cold starts: each handler module reads its settings and makes its clients (for this server) when loaded.
    for (const loaded of Object.keys(require.cache))
      if (loaded.startsWith(path.join(PROJECT_ROOT, 'lambda') + path.sep)) delete require.cache[loaded];
    const handlers = loadOrgHandlers(require);
    // Where each step's requests start in the server's log, the map's CPU, the aggregate step's memory.
    const marks = { map: 0, aggregate: 0 };
    let mapCpu: NodeJS.CpuUsage | undefined;
    let mapCpuMs = 0;
    const memory = { heapAtStartMb: 0, peakHeapMb: 0, peakRssMb: 0 };
    const sample = () => {
      const used = process.memoryUsage();
      memory.peakHeapMb = Math.max(memory.peakHeapMb, used.heapUsed / 2 ** 20);
      memory.peakRssMb = Math.max(memory.peakRssMb, used.rss / 2 ** 20);
    };
    const started = Date.now();
    const run = await runStateMachine({
      definition,
      handlers: {
        listAccounts: handlers.listAccounts,
        scanAccount: (event, context) => {
          marks.map ||= server.requests.length;
          mapCpu ??= process.cpuUsage();
          return handlers.scanAccount(event, context);
        },
        aggregate: async (event, context) => {
          marks.aggregate = server.requests.length;
          const cpu = process.cpuUsage(mapCpu);
          mapCpuMs = (cpu.user + cpu.system) / 1000;
          memory.heapAtStartMb = process.memoryUsage().heapUsed / 2 ** 20;
          const sampler = setInterval(sample, 20);
          try {
            return await handlers.aggregate(event, context);
          } finally {
            clearInterval(sampler);
            sample();
          }
        },
      },
      objects: server.objects,
      context: () => lambdaContext(MANAGEMENT),
    });
    const measuredWallMs = Date.now() - started;

    // Calls each account's scan made with its credentials, and the AssumeRole calls for members.
    const requests = server.requests;
    const callsOf = new Map<string, number>();
    for (const r of requests.slice(marks.map, marks.aggregate)) {
      if (r.service === 'sts' || !r.accountId) continue;
      callsOf.set(r.accountId, (callsOf.get(r.accountId) ?? 0) + 1);
    }
    const listed = JSON.parse(
      server.objects.get(run.listed.accounts.bucket, run.listed.accounts.key)!,
    ) as AccountItem[];
    const batches = batchesOf(plan, listed).map((accounts) =>
      accounts.map((a) => ({ calls: callsOf.get(a.accountId) ?? 0, assumesRole: !a.hub })),
    );
    // The function's share of a vCPU at its memory; the in-process figures had a whole core (or more).
    const cpuScale = Math.max(1, ONE_VCPU_MB / settings.memoryMb);
    const accounts = listed.length;
    const modelled = modelRun(
      {
        batches,
        maxConcurrency: plan.maxConcurrency,
        accountsAtOnce: BATCH_ACCOUNT_CONCURRENCY,
        regionsAtOnce: DEFAULT_CONCURRENCY,
        listingCalls: requests.slice(0, marks.map).filter((r) => r.service === 'organizations').length,
        parentsAtOnce: PARENTS_AT_ONCE,
        aggregateCalls: requests.length - marks.aggregate,
        aggregateComputeMs: run.stepMs.aggregate * cpuScale,
        accountComputeMs: (mapCpuMs / accounts) * cpuScale,
      },
      settings.latency,
    );
    return {
      scenario: `org-${n}`,
      accounts: {
        listed: run.listed.accounts.accountCount,
        withFindings: run.summary.accountsWithFindings,
        notChecked: run.summary.accountsNotChecked,
      },
      definition: {
        maxItemsPerBatch: plan.maxItemsPerBatch,
        maxConcurrency: plan.maxConcurrency,
        accountsAtOnceInABatch: BATCH_ACCOUNT_CONCURRENCY,
      },
      measured: {
        wallMs: measuredWallMs,
        stepMs: run.stepMs,
        calls: { total: requests.length, byAction: server.countBy('serviceAction') },
        batches: run.batches.length,
        failedBatches: run.failedChildren,
        mapCpuMsPerAccount: Math.round((mapCpuMs / accounts) * 100) / 100,
        aggregate: {
          computeMs: run.stepMs.aggregate,
          heapGrowthMb: Math.round(memory.peakHeapMb - memory.heapAtStartMb),
          peakRssMb: Math.round(memory.peakRssMb),
          note:
            'heap growth while the aggregate step ran: its own data (results, reports, the digest); peak RSS is the ' +
            'whole bench process (loopback server and every estate included), an upper bound',
        },
        note:
          'in-process on the loopback server, every call answered at once; CPU per account is the whole process ' +
          "(server included) during the map, scaled in the model to the function's share of a vCPU",
      },
      modelled: roundModel(modelled),
      cost: costOf(run, modelled, settings),
    };
  } finally {
    restore();
    await server.close();
  }
}

function roundModel(m: ModelledRun) {
  const s = (ms: number) => Math.round(ms) / 1000;
  const batches = [...m.batchInvocationMs].sort((a, b) => a - b);
  return {
    wallSeconds: s(m.wallMs),
    listSeconds: s(m.listMs),
    mapSeconds: s(m.mapMs),
    aggregateSeconds: s(m.aggregateMs),
    stsBound: m.stsBound,
    batchSeconds: { median: s(batches[Math.floor(batches.length / 2)] ?? 0), max: s(batches.at(-1) ?? 0) },
  };
}

/** What one run costs: Standard children (as deployed), and the Express alternative for the same batches. */
function costOf(
  run: { readonly stateTransitions: number; readonly batches: readonly { readonly attempts: number }[] },
  m: ModelledRun,
  settings: BenchSettings,
) {
  const gb = settings.memoryMb / 1024;
  const invocations = 2 + run.batches.reduce((total, b) => total + b.attempts, 0);
  const lambdaGbSeconds =
    (m.listMs / 1000) * (LIST_MEMORY_MB / 1024) +
    (m.batchInvocationMs.reduce((a, b) => a + b, 0) / 1000) * gb +
    (m.aggregateMs / 1000) * gb;
  const lambdaUsd = lambdaGbSeconds * PRICES.lambdaArmGbSecond + invocations * PRICES.lambdaRequest;
  const standardUsd = run.stateTransitions * PRICES.stateTransition;
  // Express children: a request each, and their duration (the batch's invocation) in 100 ms and 64 MB steps; the
  // parent stays Standard: its 3 states and one transition per child started.
  const step = PRICES.expressDurationStepMs;
  const expressGbSeconds = m.batchInvocationMs.reduce(
    (total, ms) => total + (Math.ceil(ms / step) * step * PRICES.expressMemoryStepMb) / 1024 / 1000,
    0,
  );
  const expressUsd =
    (3 + run.batches.length) * PRICES.stateTransition +
    run.batches.length * PRICES.expressRequest +
    expressGbSeconds * PRICES.expressGbSecond;
  const perRun = standardUsd + lambdaUsd;
  return {
    stateTransitions: run.stateTransitions,
    lambda: { invocations, gbSeconds: Math.round(lambdaGbSeconds * 10) / 10, usd: lambdaUsd },
    stepFunctionsUsd: standardUsd,
    perRunUsd: perRun,
    perMonthUsd: {
      runs: settings.runsPerMonth,
      stepFunctionsAfterFreeTier:
        Math.max(0, run.stateTransitions * settings.runsPerMonth - PRICES.freeStateTransitionsPerMonth) *
        PRICES.stateTransition,
      lambdaBeforeFreeTier: lambdaUsd * settings.runsPerMonth,
    },
    expressChildrenAlternative: {
      requests: run.batches.length,
      gbSeconds: Math.round(expressGbSeconds * 10) / 10,
      stepFunctionsUsd: expressUsd,
      perRunUsd: expressUsd + lambdaUsd,
    },
  };
}

function summaryLines(r: OrgBenchResult): string[] {
  const f = (x: number, d = 2) => x.toFixed(d);
  const usd = (x: number) => `$${x.toFixed(4)}`;
  const { measured: me, modelled: mo, cost } = r;
  return [
    `${r.scenario}: ${r.accounts.listed} accounts (${r.accounts.withFindings} with findings, ${r.accounts.notChecked} not checked); ` +
      `${me.batches} batches of up to ${r.definition.maxItemsPerBatch}, ${r.definition.maxConcurrency} at once, ${r.definition.accountsAtOnceInABatch} accounts at once in each`,
    `  measured in-process: ${f(me.wallMs / 1000, 1)} s wall (list ${me.stepMs.listAccounts} ms, map ${f(me.stepMs.map / 1000, 1)} s, aggregate ${me.stepMs.aggregate} ms); ${me.calls.total} calls; aggregate heap +${me.aggregate.heapGrowthMb} MB (peak RSS ${me.aggregate.peakRssMb} MB, whole process); ${f(me.mapCpuMsPerAccount, 1)} ms CPU per account`,
    `  modelled wall time: ${f(mo.wallSeconds, 1)} s (list ${f(mo.listSeconds, 1)} s, map ${f(mo.mapSeconds, 1)} s${mo.stsBound ? ', bound by the STS rate' : ''}, aggregate ${f(mo.aggregateSeconds, 1)} s); a batch ${f(mo.batchSeconds.median, 1)} s median, ${f(mo.batchSeconds.max, 1)} s max`,
    `  per run: ${cost.stateTransitions} state transitions (${usd(cost.stepFunctionsUsd)}), ${cost.lambda.invocations} Lambda invocations, ${f(cost.lambda.gbSeconds, 1)} GB-s (${usd(cost.lambda.usd)}): ${usd(cost.perRunUsd)}`,
    `  Express children instead: ${cost.expressChildrenAlternative.requests} requests, ${f(cost.expressChildrenAlternative.gbSeconds, 1)} GB-s: ${usd(cost.expressChildrenAlternative.perRunUsd)} per run`,
  ];
}
