/**
 * The organization state machine, emulated for local runs (demo, bench, e2e): the three Lambda handlers are
 * called in the order and with the payloads Step Functions uses, as the synthesized definition says (the Map's
 * ItemSelector, ItemBatcher, MaxConcurrency, ToleratedFailurePercentage and its task's Retry list: asl-map.ts),
 * and the Distributed Map's ItemReader and ResultWriter read and write the loopback server's S3 objects in the
 * documented formats (manifest.json plus SUCCEEDED_n / FAILED_n result files of child execution records).
 * Retry waits are counted, not slept: a local run's time is the handlers' own.
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import pLimit from 'p-limit';
import {
  runResultsPrefix,
  type AccountItem,
  type AggregateEvent,
  type AggregateSummary,
  type ListAccountsEvent,
  type ListAccountsResult,
  type ScanAccountResult,
  type ScanBatchEvent,
  type ScanBatchResult,
} from '../contract/organization';
import type { ChildExecutionRecord, ResultWriterManifest } from '../lambda/org/result-writer';
import { batchesOf, mapPlanOf, retryFor, selectItem, type AslDefinition } from './asl-map';
import type { ObjectStore } from './estate/object-store';

export interface OrgHandlers {
  readonly listAccounts: (event: ListAccountsEvent, context: Context) => Promise<ListAccountsResult>;
  readonly scanAccount: (event: ScanBatchEvent, context: Context) => Promise<ScanBatchResult>;
  readonly aggregate: (event: AggregateEvent, context: Context) => Promise<AggregateSummary>;
}

export interface StateMachineRunProps {
  /** The state machine's definition as synthesized (org-definition.ts). */
  readonly definition: AslDefinition;
  readonly handlers: OrgHandlers;
  readonly objects: ObjectStore;
  /** A Lambda context per invocation (its function ARN names the hub account). */
  readonly context: () => Context;
  /** `$$.Execution.Name`. @default a random UUID */
  readonly runId?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
}

/** One child execution: a batch of accounts. */
export interface BatchRun {
  readonly accounts: number;
  /** Invocations of the scan function, retries included. */
  readonly attempts: number;
  readonly succeeded: boolean;
  /** Wall time of the child, in milliseconds (retry waits not included). */
  readonly ms: number;
  /** What the Retry list would have waited before the retries. */
  readonly retryWaitMs: number;
}

export interface StateMachineRun {
  readonly runId: string;
  readonly listed: ListAccountsResult;
  /** Every account's result that a successful batch returned (in the state or through S3). */
  readonly results: readonly ScanAccountResult[];
  readonly batches: readonly BatchRun[];
  /** Child executions that failed (the scan function threw on every attempt). */
  readonly failedChildren: number;
  /** Standard workflow state transitions: the parent's states, and per child its start and each task attempt. */
  readonly stateTransitions: number;
  readonly summary: AggregateSummary;
  /** Wall time of each step, in milliseconds. */
  readonly stepMs: { readonly listAccounts: number; readonly map: number; readonly aggregate: number };
}

export async function runStateMachine(props: StateMachineRunProps): Promise<StateMachineRun> {
  const plan = mapPlanOf(props.definition);
  const runId = props.runId ?? randomUUID();
  const region = props.region ?? 'us-east-1';
  const hubAccount = props.context().invokedFunctionArn.split(':')[4]!;
  let mark = Date.now();
  const lap = (): number => {
    const at = Date.now();
    const ms = at - mark;
    mark = at;
    return ms;
  };
  const listed = await props.handlers.listAccounts({ runId }, props.context());
  const listMs = lap();

  // ItemReader: the JSON array the list step wrote; ItemSelector per item; ItemBatcher into { Items }.
  const items = JSON.parse(props.objects.get(listed.accounts.bucket, listed.accounts.key) ?? 'null') as
    AccountItem[] | null;
  if (!Array.isArray(items))
    throw new Error(`ItemReader: s3://${listed.accounts.bucket}/${listed.accounts.key} is not a JSON array`);
  const selected = items.map((item, i) => selectItem(plan.itemSelector, listed, item, i));
  const inputs = batchesOf(plan, selected).map(
    (batch) =>
      (plan.maxItemsPerBatch === undefined && plan.maxInputBytesPerBatch === undefined
        ? batch[0]
        : { ...plan.batchInput, Items: batch }) as ScanBatchEvent,
  );
  const mapRunId = randomUUID();
  const stateMachineArn = `arn:aws:states:${region}:${hubAccount}:stateMachine:iam-cert-expiry-org/${plan.stateName}:${mapRunId}`;
  const limit = pLimit(plan.maxConcurrency > 0 ? plan.maxConcurrency : Number.POSITIVE_INFINITY);
  const batches: BatchRun[] = [];
  const records = await Promise.all(
    inputs.map((input, i) =>
      limit(async (): Promise<ChildExecutionRecord> => {
        const started = new Date();
        const base = {
          ExecutionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${i}`,
          Name: `${mapRunId}-${i}`,
          Input: JSON.stringify(input),
          InputDetails: { Included: true },
          StartDate: started.toISOString(),
          StateMachineArn: stateMachineArn,
          RedriveCount: 0,
        };
        const retried: number[] = [];
        let attempts = 0;
        let retryWaitMs = 0;
        const done = (succeeded: boolean) =>
          batches.push({
            accounts: Array.isArray(input.Items) ? input.Items.length : 1,
            attempts,
            succeeded,
            ms: Date.now() - started.getTime(),
            retryWaitMs,
          });
        // Bounded: each retrier has MaxAttempts, and a retry consumes one of them.
        for (;;) {
          attempts += 1;
          try {
            const output = await props.handlers.scanAccount(input, props.context());
            done(true);
            return {
              ...base,
              Output: JSON.stringify(output),
              OutputDetails: { Included: true },
              Status: 'SUCCEEDED',
              StopDate: new Date().toISOString(),
              RedriveStatus: 'NOT_REDRIVABLE',
            };
          } catch (error) {
            // Lambda's error as a Task state reports it: Error = the error type, Cause = its JSON error object.
            const e = error as Error;
            const retry = retryFor(plan.retry, e.name, retried);
            if (retry) {
              retried[retry.index] = (retried[retry.index] ?? 0) + 1;
              retryWaitMs += retry.waitMs;
              continue;
            }
            done(false);
            return {
              ...base,
              Error: e.name,
              Cause: JSON.stringify({ errorType: e.name, errorMessage: e.message }),
              Status: 'FAILED',
              StopDate: new Date().toISOString(),
              RedriveStatus: 'REDRIVABLE',
            };
          }
        }
      }),
    ),
  );
  const failedChildren = records.filter((r) => r.Status !== 'SUCCEEDED').length;
  if (records.length > 0 && (failedChildren / records.length) * 100 > plan.toleratedFailurePercentage)
    throw new Error(`${plan.stateName}: ${failedChildren} of ${records.length} child executions failed`);

  // ResultWriter: one file per status (files split at 5 GB in AWS; one file each here), then the manifest.
  const prefix = `${runResultsPrefix(listed.runId)}/${mapRunId}`;
  const bucket = listed.accounts.bucket;
  const files: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', { Key: string; Size: number }[]> = {
    SUCCEEDED: [],
    FAILED: [],
    PENDING: [],
  };
  for (const status of ['SUCCEEDED', 'FAILED'] as const) {
    const these = records.filter((r) => (status === 'SUCCEEDED' ? r.Status === 'SUCCEEDED' : r.Status !== 'SUCCEEDED'));
    if (these.length === 0) continue;
    const key = `${prefix}/${status}_0.json`;
    const body = JSON.stringify(these);
    props.objects.put(bucket, key, body);
    files[status].push({ Key: key, Size: Buffer.byteLength(body) });
  }
  const manifest: ResultWriterManifest = {
    DestinationBucket: bucket,
    MapRunArn: `arn:aws:states:${region}:${hubAccount}:mapRun:iam-cert-expiry-org/${plan.stateName}:${mapRunId}`,
    ResultFiles: files,
  };
  const manifestKey = `${prefix}/manifest.json`;
  props.objects.put(bucket, manifestKey, JSON.stringify(manifest));
  const mapMs = lap();

  // The Map state's output at $.results (ResultPath).
  const summary = await props.handlers.aggregate(
    { ...listed, results: { ResultWriterDetails: { Bucket: bucket, Key: manifestKey } } },
    props.context(),
  );
  const stepMs = { listAccounts: listMs, map: mapMs, aggregate: lap() };
  const results = records.flatMap((r): ScanAccountResult[] => {
    if (!r.Output) return [];
    const output = JSON.parse(r.Output) as ScanBatchResult;
    if ('results' in output) return [...output.results];
    return JSON.parse(props.objects.get(bucket, output.resultsKey) ?? '[]') as ScanAccountResult[];
  });
  const attempts = batches.reduce((n, b) => n + b.attempts, 0);
  return {
    runId: listed.runId,
    listed,
    results,
    batches,
    failedChildren,
    stateTransitions: plan.parentStates + records.length + attempts * plan.childStates,
    summary,
    stepMs,
  };
}
