/**
 * Cold-start init: fresh `node` processes that import a handler bundle (module scope runs: settings, clients,
 * logger, metrics) and exit, minus fresh `node` processes that exit at once. Runs are interleaved so that drift
 * on the machine hits every variant alike. Environment as deployed (NODE_OPTIONS=--enable-source-maps).
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

export interface ColdStart {
  readonly medianProcessMs: number;
  /** Median process time minus the median bare `node` start. */
  readonly medianInitMs: number;
  readonly samplesMs: readonly number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timeProcess(code: string, env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`cold-start probe failed (${r.status}): ${r.stderr.toString().slice(0, 2000)}`);
  return ms;
}

/** Medians over `runs` fresh processes per bundle, and the bare start they are measured against. */
export function measureColdStarts(
  bundles: readonly string[],
  runs: number,
  env: NodeJS.ProcessEnv,
): { bareMs: number; results: ColdStart[] } {
  const bare: number[] = [];
  const samples = bundles.map(() => [] as number[]);
  const importCode = (file: string) => `await import(${JSON.stringify(pathToFileURL(file).href)}); process.exit(0);`;
  // One discarded round warms the page cache for every file involved.
  timeProcess('process.exit(0)', env);
  for (const file of bundles) timeProcess(importCode(file), env);
  for (let i = 0; i < runs; i++) {
    bare.push(timeProcess('process.exit(0)', env));
    bundles.forEach((file, b) => samples[b]!.push(timeProcess(importCode(file), env)));
  }
  const bareMs = median(bare);
  return {
    bareMs,
    results: samples.map((s) => ({
      medianProcessMs: median(s),
      medianInitMs: median(s) - bareMs,
      samplesMs: s.map((x) => Math.round(x)),
    })),
  };
}
