/**
 * The organization state machine, emulated for local runs (demo, bench, e2e): the three Lambda handlers are
 * called in the order and with the payloads Step Functions uses, and the Distributed Map's ItemReader and
 * ResultWriter read and write the loopback server's S3 objects in the documented formats (manifest.json plus
 * SUCCEEDED_n / FAILED_n result files of child execution records).
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
  type ScanAccountEvent,
  type ScanAccountResult,
} from '../contract/organization';
import type { ChildExecutionRecord, ResultWriterManifest } from '../lambda/org/result-writer';
import type { ObjectStore } from './estate/object-store';

export interface OrgHandlers {
  readonly listAccounts: (event: ListAccountsEvent, context: Context) => Promise<ListAccountsResult>;
  readonly scanAccount: (event: ScanAccountEvent, context: Context) => Promise<ScanAccountResult>;
  readonly aggregate: (event: AggregateEvent, context: Context) => Promise<AggregateSummary>;
}

export interface StateMachineRunProps {
  readonly handlers: OrgHandlers;
  readonly objects: ObjectStore;
  /** A Lambda context per invocation (its function ARN names the hub account). */
  readonly context: () => Context;
  /** The Map's MaxConcurrency. @default 10 */
  readonly maxConcurrency?: number;
  /** `$$.Execution.Name`. @default a random UUID */
  readonly runId?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
}

export interface StateMachineRun {
  readonly runId: string;
  readonly listed: ListAccountsResult;
  readonly results: readonly ScanAccountResult[];
  /** Child executions that failed (the scan function threw). */
  readonly failedChildren: number;
  readonly summary: AggregateSummary;
  /** Wall time of each child execution, in milliseconds. */
  readonly childDurationsMs: readonly number[];
  /** Wall time of each step, in milliseconds. */
  readonly stepMs: { readonly listAccounts: number; readonly map: number; readonly aggregate: number };
}

export async function runStateMachine(props: StateMachineRunProps): Promise<StateMachineRun> {
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

  // ItemReader: the JSON array the list step wrote; ItemSelector: { runId, account: $$.Map.Item.Value }.
  const items = JSON.parse(props.objects.get(listed.accounts.bucket, listed.accounts.key) ?? 'null') as
    AccountItem[] | null;
  if (!Array.isArray(items))
    throw new Error(`ItemReader: s3://${listed.accounts.bucket}/${listed.accounts.key} is not a JSON array`);
  const mapRunId = randomUUID();
  const stateMachineArn = `arn:aws:states:${region}:${hubAccount}:stateMachine:iam-cert-expiry-org/ScanAccounts:${mapRunId}`;
  const limit = pLimit(props.maxConcurrency ?? 10);
  const childDurationsMs: number[] = [];
  const records = await Promise.all(
    items.map((account, i) =>
      limit(async (): Promise<ChildExecutionRecord> => {
        const input: ScanAccountEvent = { runId: listed.runId, account };
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
        try {
          const output = await props.handlers.scanAccount(input, props.context());
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
          const cause = JSON.stringify({ errorType: e.name, errorMessage: e.message });
          return {
            ...base,
            Error: e.name,
            Cause: cause,
            Status: 'FAILED',
            StopDate: new Date().toISOString(),
            RedriveStatus: 'REDRIVABLE',
          };
        } finally {
          childDurationsMs.push(Date.now() - started.getTime());
        }
      }),
    ),
  );

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
    MapRunArn: `arn:aws:states:${region}:${hubAccount}:mapRun:iam-cert-expiry-org/ScanAccounts:${mapRunId}`,
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
  const results = records.flatMap((r) => (r.Output ? [JSON.parse(r.Output) as ScanAccountResult] : []));
  return {
    runId: listed.runId,
    listed,
    results,
    failedChildren: records.filter((r) => r.Status !== 'SUCCEEDED').length,
    summary,
    childDurationsMs,
    stepMs,
  };
}
