import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  ACCOUNT_CONCURRENCY_RULE,
  ACCOUNTS_PER_BATCH_RULE,
  LOG_RETENTION_DAYS_RULE,
} from '../../../contract/validation';
import { DEFAULT_ACCOUNTS_PER_BATCH } from '../../../contract/defaults';
import { checkProps } from '../prop-checks';
import { accountListKey, runResultsPrefix } from '../../../contract/organization';
import { logicalIdOf } from '../logical-id';
import { viaServices } from '../via-service';

/**
 * The run's time limit. The longest a run can legitimately take is accounts / concurrency x the scan function's
 * 15-minute limit, far beyond any real run; 12 hours ends a stuck run before a daily schedule starts the next one,
 * and the timed-out alarm says so.
 */
export const DEFAULT_RUN_TIMEOUT = Duration.hours(12);

export interface OrgStateMachineProps {
  readonly listAccounts: lambda.IFunction;
  readonly scanAccount: lambda.IFunction;
  readonly aggregate: lambda.IFunction;
  /** Run data: the account list (ItemReader) and the Map's results (ResultWriter). */
  readonly runData: s3.IBucket;
  readonly runDataKey: kms.IKey;
  /** Batches scanned at once (the Map's MaxConcurrency): each is one invocation of the scan function. */
  readonly accountConcurrency: number;
  /** Accounts in one batch (the ItemBatcher's MaxItemsPerBatch). @default DEFAULT_ACCOUNTS_PER_BATCH */
  readonly accountsPerBatch?: number;
  readonly logRetention: logs.RetentionDays;
  /** @default DEFAULT_RUN_TIMEOUT */
  readonly timeout?: Duration;
}

/**
 * S3 access of the Distributed Map, limited to the run data it touches. CDK's S3JsonItemReader and ResultWriterV2
 * grant the whole bucket (`<bucket>/*`); Step Functions asks to scope these policies to the objects and prefixes the
 * reference paths resolve to at run time (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html):
 * the ItemReader reads (s3:GetObject) only `runs/<run id>/accounts.json`; the ResultWriter writes its manifest and
 * result files (s3:PutObject, s3:GetObject, s3:ListMultipartUploadParts, s3:AbortMultipartUpload, as on that page)
 * only under `runs/<run id>/results/`.
 */
class AccountListReader extends sfn.S3JsonItemReader {
  private readonly runData: s3.IBucket;

  constructor(props: sfn.S3FileItemReaderProps & { readonly bucket: s3.IBucket }) {
    super(props);
    this.runData = props.bucket;
  }

  public override providePolicyStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.runData.arnForObjects(accountListKey('*'))],
      }),
    ];
  }
}

class RunResultsWriter extends sfn.ResultWriterV2 {
  private readonly runData: s3.IBucket;

  constructor(props: sfn.ResultWriterV2Props & { readonly bucket: s3.IBucket }) {
    super(props);
    this.runData = props.bucket;
  }

  public override providePolicyStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'],
        resources: [this.runData.arnForObjects(`${runResultsPrefix('*')}/*`)],
      }),
    ];
  }
}

/**
 * The organization run (Standard workflow):
 *
 *   ListAccounts (Lambda, payload { runId: $$.Execution.Name })
 *   -> ScanAccounts (Distributed Map: ItemReader = the S3 JSON list, ItemBatcher = accountsPerBatch accounts per
 *      Standard child running ScanAccount, MaxConcurrency = accountConcurrency, ToleratedFailurePercentage 100,
 *      ResultWriter -> S3, ResultPath $.results)
 *   -> Aggregate (Lambda)
 *
 * Standard children rather than Express: with batches a child costs two state transitions (its start and its one
 * task), so 10,000 accounts in batches of 50 cost 403 transitions, about a cent; Express would save a fraction of
 * that but caps a child at 5 minutes, while one large account can take minutes at ELB's rate limits and a batch
 * may use the function's 15. Every Lambda step retries Lambda's transient errors (CDK's default) and throttling
 * (many children at once); a batch that fails otherwise is retried once, and then the aggregate step names each
 * of its accounts not checked. No X-Ray: it would widen IAM for little gain on a daily job.
 */
export class OrgStateMachine extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: OrgStateMachineProps) {
    super(scope, id);
    checkProps(this, {
      accountConcurrency: [props.accountConcurrency, ACCOUNT_CONCURRENCY_RULE],
      accountsPerBatch: [props.accountsPerBatch, ACCOUNTS_PER_BATCH_RULE],
      logRetention: [props.logRetention, LOG_RETENTION_DAYS_RULE],
    });

    const invoke = (stepId: string, fn: lambda.IFunction, payload?: sfn.TaskInput) => {
      const task = new tasks.LambdaInvoke(this, stepId, {
        lambdaFunction: fn,
        ...(payload ? { payload } : {}),
        // The step's output is the function's result (the contract's types), not Lambda's response envelope.
        outputPath: '$.Payload',
      });
      task.addRetry({
        errors: ['Lambda.TooManyRequestsException'],
        interval: Duration.seconds(2),
        backoffRate: 2,
        maxAttempts: 6,
        jitterStrategy: sfn.JitterType.FULL,
      });
      return task;
    };

    const listAccounts = invoke(
      'ListAccounts',
      props.listAccounts,
      sfn.TaskInput.fromObject({ runId: sfn.JsonPath.stringAt('$$.Execution.Name') }),
    );

    const scanAccounts = new sfn.DistributedMap(this, 'ScanAccounts', {
      comment: 'Scans every listed account; one account failing never stops the others',
      itemReader: new AccountListReader({ bucket: props.runData, key: sfn.JsonPath.stringAt('$.accounts.key') }),
      itemSelector: { runId: sfn.JsonPath.stringAt('$.runId'), account: sfn.JsonPath.stringAt('$$.Map.Item.Value') },
      // Each item is { runId, account }; a batch is { Items: [...] } (contract ScanBatchEvent).
      itemBatcher: new sfn.ItemBatcher({ maxItemsPerBatch: props.accountsPerBatch ?? DEFAULT_ACCOUNTS_PER_BATCH }),
      maxConcurrency: props.accountConcurrency,
      toleratedFailurePercentage: 100,
      mapExecutionType: sfn.StateMachineType.STANDARD,
      resultWriterV2: new RunResultsWriter({
        bucket: props.runData,
        // runResultsPrefix(runId), evaluated per execution: the contract's layout with the run id filled in.
        prefix: sfn.JsonPath.format(runResultsPrefix('{}'), sfn.JsonPath.stringAt('$.runId')),
      }),
      resultPath: '$.results',
      label: 'ScanAccounts',
    });
    const scanBatch = invoke('ScanAccount', props.scanAccount);
    // The handler turns each account's failure or timeout into that account's result; what is left (the
    // invocation itself failing or timing out) gets one more try, after Lambda's own retries above.
    scanBatch.addRetry({
      errors: [sfn.Errors.ALL],
      interval: Duration.seconds(5),
      maxAttempts: 1,
      jitterStrategy: sfn.JitterType.FULL,
    });
    scanAccounts.itemProcessor(scanBatch);

    const aggregate = invoke('Aggregate', props.aggregate);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: 'IAM certificate expiry monitor: scan every account of the organization, then alert once',
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(listAccounts.next(scanAccounts).next(aggregate)),
      timeout: props.timeout ?? DEFAULT_RUN_TIMEOUT,
      // Every event (cdk-nag SF1), without the states' data: inputs and outputs carry account and certificate names.
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: false,
    });
    // The ItemReader reads and the ResultWriter writes KMS-encrypted run data, through S3 only: kms:ViaService
    // (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service).
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'UseRunDataKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.runDataKey.keyArn],
        conditions: viaServices(this, 's3'),
      }),
    );

    const roleDefaultPolicy = this.stateMachine.role.node.findChild('DefaultPolicy');
    for (const fn of [props.listAccounts, props.scanAccount, props.aggregate]) {
      Validations.of(roleDefaultPolicy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
        reason:
          "lambda:InvokeFunction on this run's own function: CDK's LambdaInvoke also grants its versions and aliases (<arn>:*); the state machine invokes the unqualified function.",
      });
    }
    Validations.of(roleDefaultPolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(props.runData)}.Arn>/${accountListKey('*')}]`,
      reason:
        "The Distributed Map's ItemReader reads the account list of the current run only; its key holds the run id, made per execution.",
    });
    Validations.of(roleDefaultPolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(props.runData)}.Arn>/${runResultsPrefix('*')}/*]`,
      reason:
        "The Distributed Map's ResultWriter writes its manifest and result files under the current run's results prefix only; " +
        'the prefix holds the run id and the file names are made by Step Functions per execution.',
    });
    Validations.of(roleDefaultPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the CloudWatch Logs delivery actions Step Functions needs to log to a log group (logs:CreateLogDelivery, ' +
        'GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, ' +
        'DescribeLogGroups), which support no resource-level permissions.',
    });
    const mapPolicy = this.stateMachine.node.findChild('DistributedMapPolicy');
    for (const executions of ['', '/ScanAccounts']) {
      Validations.of(mapPolicy).acknowledge({
        id:
          'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:' +
          `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalIdOf(this.stateMachine)}"}]}]}${executions}:*]`,
        reason:
          "The Distributed Map starts, describes and stops its child executions, whose names are made at run time; scoped to this state machine's own executions.",
      });
    }
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF2',
      reason:
        "No X-Ray: one run a day, whose steps are logged and alarmed; tracing would widen the functions' IAM for little gain (design decision, as for the checker).",
    });
  }
}
