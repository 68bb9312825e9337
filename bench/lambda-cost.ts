/**
 * What a run costs and whether it fits, per Lambda memory size: billed duration, GB-seconds and price at the
 * published arm64 rate, the function's timeout and the time the handler keeps back for publishing. Pure.
 */
import { DEFAULT_PUBLISH_RESERVE_MS } from '../lambda/create-handler';

/** The memory sizes the benchmark models. */
export const MEMORY_SIZES_MB = [256, 512, 1024, 1769] as const;

/**
 * Lambda on-demand price, arm64, first pricing tier (up to 7.5 billion GB-seconds a month), US East (N. Virginia):
 * https://aws.amazon.com/lambda/pricing/ (requests and duration; duration "rounded up to the nearest 1 ms", and
 * charged for the handler "as well as initialization code that is declared outside of the handler").
 */
export const LAMBDA_PRICE = {
  source: 'https://aws.amazon.com/lambda/pricing/',
  region: 'us-east-1',
  architecture: 'arm64',
  usdPerGbSecond: 0.0000133334,
  /** $0.20 per 1M requests. */
  usdPerRequest: 0.0000002,
} as const;

/** The function's timeout (lib/constructs/checker-function.ts: Duration.minutes(15)). */
export const FUNCTION_TIMEOUT_S = 15 * 60;

/** Time the handler keeps back from the scan to render and publish. */
export const PUBLISH_RESERVE_S = DEFAULT_PUBLISH_RESERVE_MS / 1000;

export interface RunCost {
  /** Billed duration: init (every daily run is a cold start) plus the invocation, rounded up to 1 ms. */
  readonly durationS: number;
  readonly gbSeconds: number;
  /** Duration plus the one request. */
  readonly costUsd: number;
}

/** Lambda bills GB-seconds as MB / 1024 × seconds. */
export function runCost(memoryMb: number, initS: number, invocationS: number): RunCost {
  const durationS = Math.ceil((initS + invocationS) * 1000) / 1000;
  const gbSeconds = (memoryMb / 1024) * durationS;
  return { durationS, gbSeconds, costUsd: gbSeconds * LAMBDA_PRICE.usdPerGbSecond + LAMBDA_PRICE.usdPerRequest };
}

/**
 * Whether the invocation ends before the scan deadline (timeout minus the publish reserve): later, the handler
 * would stop scanning and publish a partial alert.
 */
export function fitsTimeout(invocationS: number, timeoutS = FUNCTION_TIMEOUT_S, reserveS = PUBLISH_RESERVE_S): boolean {
  return invocationS <= timeoutS - reserveS;
}

export interface MeasuredRun {
  /** Invocation wall time. */
  readonly wallS: number;
  /** CPU time of the invocation (all threads). */
  readonly cpuS: number;
  /** Share of one CPU the run had (1 when it ran on an unthrottled host core). */
  readonly share: number;
}

/**
 * Wall time of the same work at another CPU share, from a measured run: the time not spent on CPU stays, the
 * CPU time stretches by the ratio of shares (so the run never takes less than its CPU time at the new share).
 * An upper estimate when CPU and waiting overlapped (the stretched CPU could have hidden some waiting); used
 * only where no CPU quota could be applied, and labelled so.
 */
export function projectWallS(run: MeasuredRun, share: number): number {
  const waitingS = Math.max(0, run.wallS - run.cpuS / run.share);
  return waitingS + run.cpuS / share;
}
