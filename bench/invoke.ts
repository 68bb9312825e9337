/**
 * Runs in a fresh child process (built to bench/out/invoke.mjs): imports a handler bundle as Lambda's init would,
 * invokes it once with a fake context, and prints one `BENCH_RESULT {json}` line: the summary, init and
 * invocation times, CPU time and the process's peak RSS (what Lambda reports as "Max Memory Used").
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { lambdaContext, type Handler } from '../local-aws/lambda-harness';

export interface InvokeResult {
  readonly initMs: number;
  readonly wallMs: number;
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  readonly maxRssBytes: number;
  /** The largest sampled RSS during the invocation, the heap in use then, and when it was. */
  readonly peakSample: {
    readonly rssMb: number;
    readonly heapUsedMb: number;
    readonly heapTotalMb: number;
    readonly externalMb: number;
    readonly atMs: number;
  };
  readonly summary?: unknown;
  readonly error?: string;
}

async function main(): Promise<void> {
  const bundle = process.argv[2];
  if (!bundle) throw new Error('usage: node invoke.mjs <handler.mjs>');
  const t0 = performance.now();
  const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler };
  const initMs = performance.now() - t0;

  // When during the run memory peaks (scan or render), sampled every 50 ms.
  let peak = { atMs: 0, ...process.memoryUsage() };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak = { atMs: performance.now() - start, ...m };
  }, 50);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let summary: unknown;
  let error: string | undefined;
  try {
    summary = await handler({ source: 'bench' }, lambdaContext());
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const wallMs = performance.now() - start;
  clearInterval(sampler);
  const used = process.cpuUsage(cpu);
  const result: InvokeResult = {
    initMs,
    wallMs,
    cpuUserMs: used.user / 1000,
    cpuSystemMs: used.system / 1000,
    // resourceUsage().maxRSS is in kilobytes (whole process, from start: node itself, init and the run).
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    peakSample: {
      rssMb: peak.rss / 2 ** 20,
      heapUsedMb: peak.heapUsed / 2 ** 20,
      heapTotalMb: peak.heapTotal / 2 ** 20,
      externalMb: peak.external / 2 ** 20,
      atMs: peak.atMs,
    },
    summary,
    ...(error !== undefined ? { error } : {}),
  };
  process.stdout.write(`\nBENCH_RESULT ${JSON.stringify(result)}\n`);
  // The SDK's keep-alive sockets would hold the process open (a Lambda would freeze it instead).
  process.exit(0);
}

void main();
