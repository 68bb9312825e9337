/**
 * `npm run bench -- --smoke` inside `npm test`: the handler bundled as deployed, against the loopback server with
 * latency and rate limits, on a small estate, once on the host and once as a 512 MB Lambda (under its CPU quota
 * where the machine allows one, else projected from CPU time). Fails on wrong findings, calls other than the
 * minimum, repeated calls or coverage gaps (timings are reported by the full bench, never asserted here), and
 * checks the shape of the --json document.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

interface BenchDocument {
  readonly scenarios: {
    readonly name: string;
    readonly calls: number;
    readonly minimumCalls: number;
    readonly problems: readonly string[];
    readonly projected: Record<
      string,
      { readonly durationS: number; readonly gbSeconds: number; readonly costUsd: number; readonly method: string }
    >;
  }[];
}

test('bench --smoke --json: bundled handler finds every usage with the minimum calls, and prints one JSON document', () => {
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'bench/run.ts',
      '--smoke',
      '--json',
      '--memory-sizes',
      '512',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
  expect(run.stderr).toContain('smoke'); // the table, for people, on stderr
  const document = JSON.parse(run.stdout) as BenchDocument; // stdout is the document alone
  const [smoke, ...others] = document.scenarios;
  expect(others).toHaveLength(0);
  expect(smoke).toMatchObject({ name: 'smoke', problems: [] });
  expect(smoke!.calls).toBe(smoke!.minimumCalls);
  const at512 = smoke!.projected['512']!;
  expect(['cpu-quota', 'cpu-time']).toContain(at512.method);
  expect(at512.durationS).toBeGreaterThan(0);
  expect(at512.gbSeconds).toBeCloseTo(0.5 * at512.durationS, 6);
  expect(at512.costUsd).toBeGreaterThan(0);
}, 150_000);
