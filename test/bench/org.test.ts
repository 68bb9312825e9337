/**
 * The organization bench on a small organization inside `npm test`: the route from `npm run bench`, the latency
 * model's arithmetic, and one run of the deployed definition over the loopback server (batches, state
 * transitions, a quiet account's calls). Timings are reported by the full bench, never asserted here.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { isOrgBench } from '../../bench/org';
import { accountMs, modelRun, type LatencyModel } from '../../bench/org-model';

const root = path.resolve(__dirname, '..', '..');

test('org-<N> and lists of them are routed to the organization bench', () => {
  expect(isOrgBench(['--scenarios', 'org-1000'])).toBe(true);
  expect(isOrgBench(['--scenarios', 'org-1000,org-10000'])).toBe(true);
  expect(isOrgBench(['--scenarios', 'org-1000,large'])).toBe(false);
  expect(isOrgBench(['--scenarios', 'large'])).toBe(false);
  expect(isOrgBench([])).toBe(false);
});

describe('latency model', () => {
  const latency: LatencyModel = {
    perCallMs: 50,
    assumeRoleMs: 100,
    childStartMs: 250,
    coldStartMs: 1000,
    stsPerSecond: 100,
  };
  const quiet = { calls: 1, assumesRole: true };

  test('an account: its AssumeRole, its certificate list, then the rest a few calls at once', () => {
    expect(accountMs(quiet, latency, 4)).toBe(150);
    expect(accountMs({ calls: 9, assumesRole: true }, latency, 4)).toBe(100 + 3 * 50);
    expect(accountMs({ calls: 1, assumesRole: false }, latency, 4)).toBe(50);
  });

  test('batches on the Map slots, accounts on the batch slots, cold starts once per slot, and the STS floor', () => {
    const work = {
      // 3 batches of 4 quiet accounts, 2 at once in a batch, 2 batches at once.
      batches: [1, 2, 3].map(() => Array.from({ length: 4 }, () => quiet)),
      maxConcurrency: 2,
      accountsAtOnce: 2,
      regionsAtOnce: 4,
      listingCalls: 8,
      parentsAtOnce: 4,
      aggregateCalls: 3,
      aggregateComputeMs: 500,
      accountComputeMs: 10,
    };
    const run = modelRun(work, latency);
    // A batch: 2 rounds of 150 ms; the first batch on each slot pays the cold start.
    expect(run.batchInvocationMs).toEqual([1300, 1300, 300]);
    // Slot 1: 250 + 1300, then 250 + 300; slot 2: 250 + 1300.
    expect(run.mapMs).toBe(2100);
    expect(run.listMs).toBe(1000 + 2 * 50 + 50);
    expect(run.aggregateMs).toBe(1000 + 500 + 150);
    expect(run.stsBound).toBe(false);
    // 12 AssumeRole calls at 2 a second take 6 s, longer than the schedule.
    const throttled = modelRun(work, { ...latency, stsPerSecond: 2 });
    expect([throttled.mapMs, throttled.stsBound]).toEqual([6000, true]);
    // Compute beyond the network waits: 4 accounts of 100 ms on the batch's one CPU share.
    expect(modelRun({ ...work, accountComputeMs: 100 }, latency).batchInvocationMs).toEqual([1400, 1400, 400]);
  });
});

test('bench --scenarios org-30: batches of the deployed definition, their transitions, 1 call per quiet account', () => {
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'bench/run.ts',
      '--scenarios',
      'org-30',
      '--findings-share',
      '0.1',
      '--json',
      '--no-write',
    ],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  expect(run.stderr).toContain('org-30: 31 accounts (3 with findings, 0 not checked); 1 batches of up to 50');
  const [result] = (
    JSON.parse(run.stdout) as {
      scenarios: {
        measured: { batches: number; calls: { byAction: Record<string, number> } };
        cost: { stateTransitions: number; lambda: { invocations: number } };
      }[];
    }
  ).scenarios;
  // One batch: the 3 parent states, the child's start and its task.
  expect(result!.measured.batches).toBe(1);
  expect(result!.cost).toMatchObject({ stateTransitions: 5, lambda: { invocations: 3 } });
  // Every member assumed once; every account lists its certificates once.
  expect(result!.measured.calls.byAction).toMatchObject({ 'sts:AssumeRole': 30, 'iam:ListServerCertificates': 31 });
}, 150_000);
