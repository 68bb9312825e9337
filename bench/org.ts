/**
 * `npm run bench -- --scenarios org-1000`: the organization run over N accounts (N - 10 quiet, 10 with
 * findings) on the loopback server, the three real handlers in state machine order (local-aws/
 * state-machine-run.ts). Reports calls per quiet account, total calls, per-account scan time, the projected
 * run time at account concurrency 10 and 40, Step Functions state transitions and Lambda GB-seconds per run,
 * and the cost per run and per month. `--help` for the flags.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { scenarioBuilder, startAwsServer, type Scenario } from '../local-aws';
import { applyEnvironment, lambdaContext } from '../local-aws/lambda-harness';
import { loadOrgHandlers, loopbackOrgEnvironment } from '../local-aws/org-harness';
import type { OrganizationMember, OrganizationScenario } from '../local-aws/estate/organization-scenario';
import { runStateMachine } from '../local-aws/state-machine-run';
import { DEFAULT_MEMORY_SIZE_MB } from '../lib/constructs/checker-function';
import { PROJECT_ROOT } from './build';
import { UsageError } from './usage-error';

export const ORG_HELP = `npm run bench -- --scenarios org-<N> [flags]

  --latency MS          delay before every response                           (default 20)
  --map-concurrency N   child executions at once in this process; 1 measures one account's scan
                        time without contention from the others               (default 1)
  --memory MB           memory of the scan and aggregate functions, for GB-seconds (default: the stack's, ${DEFAULT_MEMORY_SIZE_MB})
  --runs-per-month N    scheduled runs per month, for the monthly cost        (default 30)
  --out FILE            results file (default bench/org-results.json; --no-write to skip)`;

/** Prices in us-east-1 (https://aws.amazon.com/step-functions/pricing/, https://aws.amazon.com/lambda/pricing/). */
export const PRICES = {
  stateTransition: 0.025 / 1000,
  freeStateTransitionsPerMonth: 4000,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1_000_000,
} as const;

/**
 * State transitions per run, from the state machine's shape: the parent's ListAccounts, ScanAccounts (Map) and
 * Aggregate states; one transition per child execution the Distributed Map starts; and the child's one Task
 * state (Standard child executions). https://docs.aws.amazon.com/step-functions/latest/dg/concepts-transitions.html
 */
export function stateTransitionsPerRun(accounts: number, parentStates = 3, childStates = 1): number {
  return parentStates + accounts * (1 + childStates);
}

/** A whole number of at least `min`, or a usage error naming the flag. */
export function count(value: string, flag: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag}: expected a whole number >= ${min}, got ${value}`);
  return n;
}

export function isOrgBench(argv: readonly string[]): boolean {
  const i = argv.indexOf('--scenarios');
  return i >= 0 && /^org-\d+$/.test(argv[i + 1] ?? '');
}

const MANAGEMENT = '100000000000';
const WITH_FINDINGS = 10;
const TOPIC = `arn:aws:sns:us-east-1:${MANAGEMENT}:iam-cert-expiry-alerts`;

/** N accounts in OUs of 100 under the root; every (N / 10)-th holds two flagged certificates on an ALB. */
function organization(n: number, now: Date): OrganizationScenario {
  const ous = Array.from({ length: Math.ceil(n / 100) }, (_, i) => ({
    id: `ou-bnch-${String(i).padStart(8, '0')}`,
    name: `ou-${i}`,
  }));
  const every = Math.floor(n / WITH_FINDINGS);
  const accounts: OrganizationMember[] = Array.from({ length: n }, (_, i) => {
    const id = String(200_000_000_000 + i);
    let b = scenarioBuilder({ now }).account(id).regions('us-east-1', 'eu-west-1');
    b = b
      .certificate('www', { expiresInDays: 200 })
      .certificate('api', { expiresInDays: 120 })
      .certificate('old', { expiresInDays: 300 });
    if (i % every === every - 1)
      b = b
        .certificate('shop', { expiresInDays: 3 })
        .certificate('legacy', { expiresInDays: -1 })
        .alb('us-east-1', 'shop-alb', 'shop');
    return { id, name: `account-${i}`, parentId: ous[Math.floor(i / 100)]!.id, estate: b.build() };
  });
  return {
    managementAccountId: MANAGEMENT,
    organizationalUnits: ous,
    accounts: [{ id: MANAGEMENT, name: 'management', memberRole: 'missing' }, ...accounts],
  };
}

export async function runOrgBench(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scenarios: { type: 'string' },
      latency: { type: 'string', default: '20' },
      'map-concurrency': { type: 'string', default: '1' },
      memory: { type: 'string', default: String(DEFAULT_MEMORY_SIZE_MB) },
      'runs-per-month': { type: 'string', default: '30' },
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
  const n = Number(/^org-(\d+)$/.exec(values.scenarios ?? '')?.[1]);
  // Every (N / 10)-th account holds findings: fewer than 10 accounts would hold none.
  if (n < WITH_FINDINGS) throw new UsageError(`org-<N>: N is at least ${WITH_FINDINGS}, got ${values.scenarios}`);
  const latencyMs = count(values.latency, '--latency');
  const mapConcurrency = count(values['map-concurrency'], '--map-concurrency', 1);
  const memoryGb = count(values.memory, '--memory', 128) / 1024;
  const runsPerMonth = count(values['runs-per-month'], '--runs-per-month');
  const now = new Date();
  const org = organization(n, now);
  const management: Scenario = scenarioBuilder({ now })
    .account(MANAGEMENT)
    .regions('us-east-1')
    .certificate('sso', { expiresInDays: 90 })
    .topic(TOPIC)
    .build();
  const server = await startAwsServer({ scenario: management, organization: org, latencyMs });
  const restore = applyEnvironment(loopbackOrgEnvironment(server.endpoint, { topicArn: TOPIC }));
  try {
    const handlers = loadOrgHandlers(require);
    const started = Date.now();
    const run = await runStateMachine({
      handlers,
      objects: server.objects,
      context: () => lambdaContext(MANAGEMENT),
      maxConcurrency: mapConcurrency,
    });
    const wallMs = Date.now() - started;

    const flaggedIds = new Set(
      run.results.filter((r) => r.status === 'checked' && r.flagged > 0).map((r) => r.account.accountId),
    );
    const quietIds = new Set(
      run.results
        .filter((r) => r.status === 'checked' && r.flagged === 0 && !r.account.hub)
        .map((r) => r.account.accountId),
    );
    const accountOfCall = (r: (typeof server.requests)[number]) =>
      r.service === 'sts' && r.action === 'AssumeRole' ? r.params.RoleArn?.split(':')[4] : r.accountId;
    const quietCalls = server.requests.filter((r) => quietIds.has(accountOfCall(r) ?? '')).length;
    const byAction = server.countBy('serviceAction');
    const durations = [...run.childDurationsMs].sort((a, b) => a - b);
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
    const quantile = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))]!;
    const accounts = run.listed.accounts.accountCount;
    // Projected: the list and aggregate steps, plus the scans spread over `c` concurrent Lambda environments.
    const projected = (c: number) => run.stepMs.listAccounts + (accounts * mean) / c + run.stepMs.aggregate;
    const lambdaSeconds =
      (run.stepMs.listAccounts + durations.reduce((a, b) => a + b, 0) + run.stepMs.aggregate) / 1000;
    const gbSeconds = lambdaSeconds * memoryGb;
    const transitions = stateTransitionsPerRun(accounts);
    const requests = accounts + 2;
    const perRun = {
      stepFunctions: transitions * PRICES.stateTransition,
      lambda: gbSeconds * PRICES.lambdaArmGbSecond + requests * PRICES.lambdaRequest,
    };
    const monthlyTransitions = Math.max(0, transitions * runsPerMonth - PRICES.freeStateTransitionsPerMonth);
    const perMonth = {
      stepFunctionsAfterFreeTier: monthlyTransitions * PRICES.stateTransition,
      lambdaWithoutFreeTier: perRun.lambda * runsPerMonth,
    };
    const result = {
      at: new Date().toISOString(),
      scenario: `org-${n}`,
      settings: { latencyMs, mapConcurrency, memoryMb: Number(values.memory), runsPerMonth },
      accounts: {
        listed: accounts,
        quiet: quietIds.size,
        withFindings: flaggedIds.size,
        notChecked: run.summary.accountsNotChecked,
      },
      summary: run.summary,
      calls: { total: server.requests.length, perQuietAccount: quietCalls / quietIds.size, byAction },
      stepMs: run.stepMs,
      scanMs: {
        mean: Math.round(mean),
        median: quantile(0.5),
        p95: quantile(0.95),
        max: durations[durations.length - 1],
      },
      wallMs,
      projectedRunSeconds: { concurrency10: projected(10) / 1000, concurrency40: projected(40) / 1000 },
      stateTransitionsPerRun: transitions,
      lambda: { requestsPerRun: requests, secondsPerRun: lambdaSeconds, gbSecondsPerRun: gbSeconds },
      costUsd: {
        perRun: { ...perRun, total: perRun.stepFunctions + perRun.lambda },
        perMonth: { ...perMonth, total: perMonth.stepFunctionsAfterFreeTier + perMonth.lambdaWithoutFreeTier },
      },
    };
    const f = (x: number, d = 2) => x.toFixed(d);
    console.log(
      `org-${n}: ${accounts} accounts (${quietIds.size} quiet, ${flaggedIds.size} with findings, ${run.summary.accountsNotChecked} not checked); latency ${latencyMs} ms; map concurrency ${mapConcurrency}`,
    );
    console.log(
      `  calls: ${result.calls.total} in all; ${f(result.calls.perQuietAccount)} per quiet account; ${Object.entries(
        byAction,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    console.log(
      `  steps: list ${run.stepMs.listAccounts} ms, map ${f(run.stepMs.map / 1000, 1)} s, aggregate ${run.stepMs.aggregate} ms; ${run.summary.messagesPublished} messages published`,
    );
    console.log(
      `  per-account scan: mean ${result.scanMs.mean} ms, median ${result.scanMs.median} ms, p95 ${result.scanMs.p95} ms, max ${result.scanMs.max} ms`,
    );
    console.log(
      `  projected run time: ${f(result.projectedRunSeconds.concurrency10, 1)} s at concurrency 10, ${f(result.projectedRunSeconds.concurrency40, 1)} s at 40 (Lambda cold starts and Step Functions scheduling not included)`,
    );
    console.log(
      `  per run: ${transitions} state transitions ($${f(perRun.stepFunctions, 4)}), ${requests} Lambda requests, ${f(gbSeconds, 1)} GB-s at ${values.memory} MB arm64 ($${f(perRun.lambda, 4)})`,
    );
    console.log(
      `  per month (${runsPerMonth} runs): Step Functions $${f(perMonth.stepFunctionsAfterFreeTier)} after the 4,000 free transitions, Lambda $${f(perMonth.lambdaWithoutFreeTier)} before its free tier`,
    );
    if (!values['no-write']) {
      const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, 'bench', 'org-results.json'));
      writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    }
  } finally {
    restore();
    await server.close();
  }
}
