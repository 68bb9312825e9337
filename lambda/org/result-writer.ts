/**
 * Reading the Distributed Map's ResultWriter output (pure): `manifest.json` lists the result files by child
 * execution status; each file is a JSON array of child execution records. With the default transformation
 * (NONE) a record's `Output` is the JSON string the child returned; a failed, timed-out or aborted child has
 * `Error` and `Cause` instead, and its `Input` (a JSON string) names the account.
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
 */
import type { AccountItem, ScanAccountEvent, ScanAccountResult } from '../../contract/organization';
import { REASONS } from './not-checked-reason';

export type ResultFileStatus = 'SUCCEEDED' | 'FAILED' | 'PENDING';

export interface ResultWriterManifest {
  readonly DestinationBucket: string;
  readonly MapRunArn: string;
  readonly ResultFiles: Readonly<Record<ResultFileStatus, readonly { readonly Key: string; readonly Size: number }[]>>;
}

/** One child execution as the ResultWriter records it. */
export interface ChildExecutionRecord {
  readonly ExecutionArn: string;
  readonly Name?: string;
  /** JSON string of the child's input (with `InputDetails.Included`). */
  readonly Input: string;
  readonly InputDetails?: { readonly Included: boolean };
  /** JSON string of the child's output; only when it succeeded. */
  readonly Output?: string;
  readonly OutputDetails?: { readonly Included: boolean };
  readonly Status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'RUNNING' | 'PENDING_REDRIVE';
  readonly Error?: string;
  readonly Cause?: string;
  readonly StartDate?: string;
  readonly StopDate?: string;
  readonly StateMachineArn?: string;
  readonly RedriveCount?: number;
  readonly RedriveStatus?: string;
}

export interface ResultFile {
  readonly status: ResultFileStatus;
  readonly key: string;
}

export function resultFilesOf(manifest: unknown): ResultFile[] {
  const files = (manifest as Partial<ResultWriterManifest> | null)?.ResultFiles;
  if (!files || typeof files !== 'object') throw new Error('ResultWriter manifest has no ResultFiles');
  const statuses: ResultFileStatus[] = ['SUCCEEDED', 'FAILED', 'PENDING'];
  return statuses.flatMap((status) => (files[status] ?? []).map((f) => ({ status, key: f.Key })));
}

/** The scan results in one result file; a record that cannot be read names its account when it can. */
export function resultsOf(file: ResultFile, records: unknown): ScanAccountResult[] {
  if (!Array.isArray(records)) throw new Error(`ResultWriter file ${file.key} is not a JSON array`);
  return (records as ChildExecutionRecord[]).flatMap((record): ScanAccountResult[] => {
    if (file.status === 'SUCCEEDED' && record.Status === 'SUCCEEDED') {
      const output = parse(record.Output) as ScanAccountResult | undefined;
      if (output && (output.status === 'checked' || output.status === 'not-checked') && output.account) return [output];
      return notChecked(record, 'the scan returned no readable result');
    }
    if (file.status === 'PENDING') return notChecked(record, 'not scanned: the run ended before this account');
    return notChecked(record, failureReason(record));
  });
}

function notChecked(record: ChildExecutionRecord, reason: string): ScanAccountResult[] {
  const account = (parse(record.Input) as ScanAccountEvent | undefined)?.account;
  const named: AccountItem = account?.accountId
    ? account
    : { accountId: 'unknown', accountName: record.Name ?? record.ExecutionArn, hub: false };
  return [{ status: 'not-checked', account: named, reason }];
}

/** `States.Timeout` or TIMED_OUT: "timed out"; a Lambda error: its type and message from the Cause. */
function failureReason(record: ChildExecutionRecord): string {
  if (record.Status === 'TIMED_OUT' || record.Error === 'States.Timeout' || record.Error === 'Sandbox.Timedout')
    return REASONS.timedOut;
  if (record.Status === 'ABORTED') return 'aborted: the run was stopped';
  const cause = parse(record.Cause) as { errorType?: string; errorMessage?: string } | undefined;
  const reason = [record.Error ?? cause?.errorType ?? 'failed', cause?.errorMessage ?? record.Cause]
    .filter(Boolean)
    .join(': ')
    .replace(/\s+/g, ' ');
  return reason.length > 300 ? `${reason.slice(0, 299)}…` : reason;
}

function parse(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
