/**
 * The organization run's contract between the stack (its state machine and functions) and the three Lambdas it
 * runs: handler files, environment variable names, the state payloads and where run data lives in S3. One
 * definition, imported by both sides. The single-account names (`ENV`) keep their meaning in this mode too.
 *
 *   Scheduler -> state machine input {}
 *     ListAccounts   lambda/org/list-accounts-handler.ts   event ListAccountsEvent  -> ListAccountsResult
 *     ScanAccounts   Distributed Map, ItemReader = s3 JSON array at ListAccountsResult.accounts
 *                    ItemSelector builds ScanAccountEvent per account, ItemBatcher groups them into ScanBatchEvent;
 *                    ResultWriter -> s3 <bucket>/runResultsPrefix(runId)
 *       ScanAccount  lambda/org/scan-account-handler.ts    event ScanBatchEvent     -> ScanBatchResult
 *     Aggregate      lambda/org/aggregate-handler.ts       event AggregateEvent     -> AggregateSummary
 */

/** Handler modules, relative to the repository root (each exports `handler`). */
export const ORG_HANDLERS = {
  listAccounts: 'lambda/org/list-accounts-handler.ts',
  scanAccount: 'lambda/org/scan-account-handler.ts',
  aggregate: 'lambda/org/aggregate-handler.ts',
} as const;

/** Environment variables of the organization functions, beside `ENV` (topic ARN, thresholds, regions). */
export const ORG_ENV = {
  /** Name of the run-data bucket (all three functions). */
  runDataBucket: 'RUN_DATA_BUCKET',
  /** Comma-separated OU ids (`ou-…`) and/or the root id (`r-…`) (list accounts). */
  organizationalUnits: 'ORGANIZATIONAL_UNITS',
  /** Comma-separated 12-digit account ids never scanned (list accounts); may be empty. */
  excludeAccounts: 'EXCLUDE_ACCOUNTS',
  /** Name of the member read role in every member account (scan account). */
  memberRoleName: 'MEMBER_ROLE_NAME',
  /** The topic the Slack channel reads, which gets the digest only (aggregate); unset without Slack. */
  chatDigestTopicArn: 'CHAT_DIGEST_TOPIC_ARN',
} as const;

/** Metrics of the organization run: same namespace as the single-account checker, its own service dimension. */
export const ORG_METRICS = {
  serviceName: 'iam-cert-expiry-monitor-org',
  /** Emitted by the aggregate function: accounts that could not be checked in this run (0 when all were). */
  accountsNotChecked: 'AccountsNotChecked',
  /** Emitted by the aggregate function: accounts checked with gaps (a region or service could not be read; 0 when none). */
  accountsPartlyChecked: 'AccountsPartlyChecked',
  /** Emitted by the aggregate function: 1 per run that built the org report and delivered its alerts. */
  runCompleted: 'RunCompleted',
  /** Emitted by the aggregate function: sinks that could not deliver the org report (0 when every one did). */
  deliveryFailures: 'DeliveryFailures',
} as const;

/**
 * The message attributes the aggregate step publishes with: the digest carries `scope=organization`, each
 * per-account message `scope=account` and `account=<id>`. The alert topic's subscription filter policies select
 * on exactly these.
 */
export const ORG_MESSAGE_ATTRIBUTES = {
  scope: 'scope',
  organizationScope: 'organization',
  accountScope: 'account',
  account: 'account',
} as const;

/** Input of the list-accounts step: the state machine passes its execution name (`$$.Execution.Name`). */
export interface ListAccountsEvent {
  readonly runId: string;
}

/** Where the account list was written (a JSON array of `AccountItem`), read by the Map's ItemReader. */
export interface AccountListLocation {
  readonly bucket: string;
  readonly key: string;
  readonly accountCount: number;
}

export interface ListAccountsResult {
  readonly runId: string;
  readonly accounts: AccountListLocation;
  /**
   * Where the accounts listed but not scanned were written (a JSON array of `SkippedAccount`), so that the report
   * names every account looked at. Absent in results of an older release.
   */
  readonly skipped?: AccountListLocation;
}

/** An account the run listed but does not scan: not ACTIVE (suspended, closing), or excluded by configuration. */
export interface SkippedAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly reason: 'suspended' | 'excluded';
  /** `state SUSPENDED`, `excluded by configuration`. */
  readonly detail: string;
}

/** One item of the account list, and one Distributed Map item. */
export interface AccountItem {
  readonly accountId: string;
  readonly accountName: string;
  /** The hub's own account: scanned with the function's own role (StackSets never deploy there). */
  readonly hub: boolean;
}

/**
 * One account of a batch (`ScanBatchEvent.Items`). The Map's ItemSelector is
 * `{ "runId.$": "$.runId", "account.$": "$$.Map.Item.Value" }` (the Map state's input is ListAccountsResult), so
 * that each item, and a failed batch's recorded input, names its run and account.
 */
export interface ScanAccountEvent {
  readonly runId: string;
  readonly account: AccountItem;
}

/**
 * Input of the scan-account step: the accounts the Map's ItemBatcher put in one batch (`MaxItemsPerBatch`), each as
 * the ItemSelector made it. https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
 */
export interface ScanBatchEvent {
  readonly Items: readonly ScanAccountEvent[];
}

/**
 * Output of the scan-account step (written by the ResultWriter): one result per account of the batch, in the state
 * when they fit in `BATCH_RESULT_INLINE_MAX_BYTES`, else written to S3 (`batchResultsKey`) as a JSON array.
 */
export type ScanBatchResult =
  { readonly results: readonly ScanAccountResult[] } | { readonly resultsKey: string; readonly accounts: number };

/**
 * A state's output is at most 256 KiB (262,144 bytes), Lambda's response envelope included: a batch's results above
 * 192 KiB travel through S3. https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
 */
export const BATCH_RESULT_INLINE_MAX_BYTES = 196_608;

/**
 * One account's result. A member that cannot be assumed or read, or whose scan failed or ran out of its batch's
 * time, is a `not-checked` result; a batch that fails as a whole (twice: its task is retried once) appears in the
 * ResultWriter's FAILED files instead, and the aggregate step names each of its accounts not checked.
 */
export type ScanAccountResult =
  | {
      readonly status: 'checked';
      readonly account: AccountItem;
      readonly certificatesScanned: number;
      /** Number of flagged certificates; 0 = quiet account (no report). */
      readonly flagged: number;
      /** The account's report (JSON, dates as ISO strings) when small enough to travel in the state... */
      readonly report?: unknown;
      /** ...or the S3 key (in the run-data bucket) it was written to when not. */
      readonly reportKey?: string;
      /**
       * A quiet account's scan gaps (a flagged one's report carries its own): at most `RESULT_GAPS_MAX`, so the
       * result stays far below the state's 256 KiB payload limit. Absent when none (and in an older release's results).
       */
      readonly gaps?: readonly ScanResultGap[];
      /** How many more gaps there were than `gaps` carries. @default 0 */
      readonly gapsOmitted?: number;
    }
  | {
      readonly status: 'not-checked';
      readonly account: AccountItem;
      /** "role not found or not assumable", "access denied", "timed out", or the error named. */
      readonly reason: string;
    };

/** A place a quiet account's scan could not read: the shape of the runtime's `CoverageGap` (never a sink's). */
export interface ScanResultGap {
  readonly region: string;
  readonly service: string;
  readonly reason: string;
}

/** Most gaps one scan result carries, and the longest reason (an error message) it keeps. */
export const RESULT_GAPS_MAX = 20;
export const RESULT_GAP_REASON_MAX_CHARS = 300;

/**
 * Input of the aggregate step: the Map state's output is placed at `$.results` (ResultPath), so the event holds
 * ListAccountsResult plus the ResultWriter's manifest location.
 */
export interface AggregateEvent extends ListAccountsResult {
  readonly results: {
    readonly ResultWriterDetails: { readonly Bucket: string; readonly Key: string };
  };
}

export interface AggregateSummary {
  readonly accountsListed: number;
  readonly accountsChecked: number;
  readonly accountsNotChecked: number;
  readonly accountsWithFindings: number;
  readonly messagesPublished: number;
  /** Each sink that could not deliver the org report: `EventBridge (us-east-1): not delivered, timed out after 40 s`. */
  readonly notDelivered: readonly string[];
}

/** Every object of one run lives under its own prefix (the bucket's lifecycle rule expires them). */
export const RUN_DATA_PREFIX = 'runs/';
/** Everything one run wrote: its account list, the Map's results and the large reports. */
export const runPrefix = (runId: string): string => `${RUN_DATA_PREFIX}${runId}/`;
export const accountListKey = (runId: string): string => `${runPrefix(runId)}accounts.json`;
export const skippedAccountsKey = (runId: string): string => `${runPrefix(runId)}skipped-accounts.json`;
export const runResultsPrefix = (runId: string): string => `${runPrefix(runId)}results`;
export const accountReportKey = (runId: string, accountId: string): string =>
  `${runPrefix(runId)}reports/${accountId}.json`;
/** A batch's results too large for the state, named by its first account (each account is in one batch only). */
export const batchResultsKey = (runId: string, firstAccountId: string): string =>
  `${runPrefix(runId)}reports/batch-${firstAccountId}.json`;

/** Organizations read actions the list-accounts function calls (recursive walk from each OU or root). */
export const ORGANIZATION_READ_ACTIONS = ['organizations:ListChildren', 'organizations:ListAccountsForParent'] as const;
