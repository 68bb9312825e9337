/**
 * The organization run's wall time and billed time by a latency model (pure), from what the bench measured: the
 * calls each account's scan made, how the definition batched the accounts, the listing's and the aggregate step's
 * calls and the aggregate step's own compute time. In-process the loopback server answers at once, so a run of
 * 10,000 accounts measures work and calls in minutes, and this model says how long the same run takes where each
 * call costs a round trip:
 *
 * - listing: pages of one parent in sequence, `parentsAtOnce` parents at once: calls / parentsAtOnce round trips;
 * - a batch: a child start (Step Functions starts the child and invokes the function), a cold start for the first
 *   batch of each of the Map's slots, then its accounts `accountsAtOnce` at a time in list order, each taking an
 *   AssumeRole (members) plus its calls, `regionsAtOnce` at a time when it reads more than its certificate list;
 *   and never less than its accounts' compute, which shares the function's one CPU share;
 * - the Map: batches in order on `maxConcurrency` slots; no faster than the STS rate allows its AssumeRole calls;
 * - aggregate: its measured compute plus every call in sequence (an upper bound: it publishes several at once).
 */

export interface LatencyModel {
  /** One AWS API call from a function (Organizations, IAM, ELB, CloudFront, S3, SNS), ms. */
  readonly perCallMs: number;
  /** One sts:AssumeRole, ms. */
  readonly assumeRoleMs: number;
  /** Step Functions starting a child execution and its Lambda invocation, ms. */
  readonly childStartMs: number;
  /** A new Lambda environment's initialisation, once per Map slot, ms. */
  readonly coldStartMs: number;
  /** sts:AssumeRole calls the hub account is allowed per second. */
  readonly stsPerSecond: number;
}

/** One account's work, as measured. */
export interface AccountWork {
  /** API calls with the account's credentials (AssumeRole not included). */
  readonly calls: number;
  /** A member (AssumeRole first); the hub scans itself. */
  readonly assumesRole: boolean;
}

export interface RunWork {
  readonly batches: readonly (readonly AccountWork[])[];
  readonly maxConcurrency: number;
  readonly accountsAtOnce: number;
  /** An account's reads beyond its certificate list, at once (regions and listings). */
  readonly regionsAtOnce: number;
  readonly listingCalls: number;
  readonly parentsAtOnce: number;
  readonly aggregateCalls: number;
  readonly aggregateComputeMs: number;
  /** CPU time one account's scan takes in the function (its share of a vCPU). */
  readonly accountComputeMs: number;
}

export interface ModelledRun {
  readonly listMs: number;
  readonly mapMs: number;
  readonly aggregateMs: number;
  readonly wallMs: number;
  /** Each batch's invocation (cold start included): what Lambda bills, and an Express child's duration less its start. */
  readonly batchInvocationMs: readonly number[];
  /** Whether the STS rate, not the schedule, set the Map's time. */
  readonly stsBound: boolean;
}

/** Length of a list schedule: each job on the slot free first, in order. */
function scheduleMs(jobsMs: readonly number[], slots: number): number {
  const free = Array.from({ length: Math.max(1, Math.min(slots, jobsMs.length)) }, () => 0);
  for (const ms of jobsMs) {
    let first = 0;
    for (let i = 1; i < free.length; i++) if (free[i]! < free[first]!) first = i;
    free[first]! += ms;
  }
  return Math.max(0, ...free);
}

export function accountMs(work: AccountWork, latency: LatencyModel, regionsAtOnce: number): number {
  // The certificate list comes first; what follows (tags, regions, listeners) runs regionsAtOnce at a time.
  const rounds = work.calls <= 1 ? work.calls : 1 + Math.ceil((work.calls - 1) / regionsAtOnce);
  return (work.assumesRole ? latency.assumeRoleMs : 0) + rounds * latency.perCallMs;
}

export function modelRun(work: RunWork, latency: LatencyModel): ModelledRun {
  const listMs =
    latency.coldStartMs + Math.ceil(work.listingCalls / work.parentsAtOnce) * latency.perCallMs + latency.perCallMs;
  const batchInvocationMs = work.batches.map(
    (accounts, i) =>
      (i < work.maxConcurrency ? latency.coldStartMs : 0) +
      Math.max(
        scheduleMs(
          accounts.map((a) => accountMs(a, latency, work.regionsAtOnce)),
          work.accountsAtOnce,
        ),
        accounts.length * work.accountComputeMs,
      ),
  );
  const scheduled = scheduleMs(
    batchInvocationMs.map((ms) => latency.childStartMs + ms),
    work.maxConcurrency,
  );
  const assumeRoles = work.batches.flat().filter((a) => a.assumesRole).length;
  const stsFloorMs = (assumeRoles / latency.stsPerSecond) * 1000;
  const mapMs = Math.max(scheduled, stsFloorMs);
  const aggregateMs = latency.coldStartMs + work.aggregateComputeMs + work.aggregateCalls * latency.perCallMs;
  return {
    listMs,
    mapMs,
    aggregateMs,
    wallMs: listMs + mapMs + aggregateMs,
    batchInvocationMs,
    stsBound: stsFloorMs > scheduled,
  };
}
