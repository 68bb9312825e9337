/**
 * Reading the Distributed Map's ResultWriter output (pure): `manifest.json` lists the result files by child
 * execution status; each file is a JSON array of child execution records, one per batch. With the default
 * transformation (NONE) a record's `Output` is the JSON string the child returned; a failed, timed-out or aborted
 * child has `Error` and `Cause` instead, and its `Input` (a JSON string) names the batch's accounts.
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
 */
import type {
  AccountItem,
  ScanAccountEvent,
  ScanAccountResult,
  ScanBatchEvent,
  ScanBatchResult,
} from '../../contract/organization';
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

/** A batch that wrote its results to S3 (too large for the state): read them with `batchResults`. */
export interface WrittenBatch {
  readonly key: string;
  readonly accounts: readonly AccountItem[];
}

/** What one result file says: each account's result, and the batches whose results are in S3. */
export interface FileResults {
  readonly results: ScanAccountResult[];
  readonly written: WrittenBatch[];
}

/**
 * The scan results in one result file, one per account: a record is a batch (its Input `{ Items: [...] }`), and
 * a batch that failed, or that never ran, names each of its accounts not checked, never the batch.
 */
export function resultsOf(file: ResultFile, records: unknown): FileResults {
  if (!Array.isArray(records)) throw new Error(`ResultWriter file ${file.key} is not a JSON array`);
  const read: FileResults = { results: [], written: [] };
  for (const record of records as ChildExecutionRecord[]) {
    const accounts = accountsOf(record);
    if (file.status === 'SUCCEEDED' && record.Status === 'SUCCEEDED') {
      const parsed = parse(record.Output);
      const output = typeof parsed === 'object' && parsed !== null ? (parsed as Partial<ScanBatchResult>) : undefined;
      if (output && 'resultsKey' in output && typeof output.resultsKey === 'string')
        read.written.push({ key: output.resultsKey, accounts });
      // A result of the release before batches: one account per child.
      else if (isResult(output)) read.results.push(output);
      else read.results.push(...batchResults(accounts, output && 'results' in output ? output.results : undefined));
      continue;
    }
    const reason =
      file.status === 'PENDING'
        ? 'not scanned: the run ended before this account'
        : `its batch's scan failed (retried once): ${failureReason(record)}`;
    read.results.push(...notChecked(record, accounts, reason));
  }
  return read;
}

/**
 * A batch's results as returned (in the state or from S3, untrusted JSON): each readable result of one of its
 * accounts, and every account of the batch without one named not checked.
 */
export function batchResults(accounts: readonly AccountItem[], returned: unknown): ScanAccountResult[] {
  const entries: unknown[] = Array.isArray(returned) ? returned : [];
  const batch = new Set(accounts.map((a) => a.accountId));
  const results = new Map<string, ScanAccountResult>();
  for (const entry of entries) {
    if (!isResult(entry) || results.has(entry.account.accountId)) continue;
    if (batch.size === 0 || batch.has(entry.account.accountId)) results.set(entry.account.accountId, entry);
  }
  const missing = accounts.filter((a) => !results.has(a.accountId));
  return [
    ...results.values(),
    ...missing.map((account): ScanAccountResult => ({
      status: 'not-checked',
      account,
      reason: 'the scan returned no readable result',
    })),
  ];
}

function isResult(value: unknown): value is ScanAccountResult {
  const r = value as Partial<ScanAccountResult> | null | undefined;
  return (
    (r?.status === 'checked' || r?.status === 'not-checked') &&
    typeof r.account === 'object' &&
    typeof r.account.accountId === 'string'
  );
}

/** The accounts a child execution was given: its batch's Items (or one account, before batches). */
function accountsOf(record: ChildExecutionRecord): AccountItem[] {
  const input = parse(record.Input) as Partial<ScanBatchEvent & ScanAccountEvent> | undefined;
  const events: unknown[] = Array.isArray(input?.Items) ? input.Items : [input];
  return events.flatMap((event) => {
    const account = (event as Partial<ScanAccountEvent> | undefined)?.account;
    return typeof account?.accountId === 'string' ? [account] : [];
  });
}

function notChecked(record: ChildExecutionRecord, accounts: AccountItem[], reason: string): ScanAccountResult[] {
  const named: AccountItem[] =
    accounts.length > 0
      ? accounts
      : [{ accountId: 'unknown', accountName: record.Name ?? record.ExecutionArn, hub: false }];
  return named.map((account) => ({ status: 'not-checked', account, reason }));
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
