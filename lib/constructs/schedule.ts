import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { checkProps } from './prop-checks';
import { viaServices } from './via-service';
import { RUN_ID_INPUT_KEY } from '../../contract/schedule';
import { SCHEDULE_RULE, TIME_ZONE_RULE } from '../../contract/validation';

export interface CheckerScheduleProps {
  /**
   * The function to invoke (single-account deployment). Give exactly one of `function` and `stateMachine`.
   * @default - none
   */
  readonly function?: lambda.IFunction;
  /**
   * The state machine to start with input `{}` (organization deployment).
   * @default - none
   */
  readonly stateMachine?: sfn.IStateMachine;
  /** EventBridge Scheduler expression: `cron(...)` (6 fields) or `rate(...)`. */
  readonly expression: string;
  /**
   * IANA time zone the cron expression is evaluated in.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /** Customer-managed key that encrypts the dead-letter queue. */
  readonly deadLetterKey: kms.IKey;
  /**
   * Retries after a failed invocation (throttled by the reserved concurrency of 1, or a Lambda service error).
   * @default 2
   */
  readonly retryAttempts?: number;
  /**
   * How long Scheduler keeps trying to deliver one invocation before it goes to the dead-letter queue.
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;
}

/**
 * Same as `LambdaInvoke`, but grants `lambda:InvokeFunction` on the unqualified function ARN only (the schedule
 * invokes `$LATEST`), instead of also `<arn>:*` for every version and alias.
 */
class InvokeUnqualifiedFunction extends targets.ScheduleTargetBase implements scheduler.IScheduleTarget {
  constructor(
    private readonly fn: lambda.IFunction,
    props: targets.ScheduleTargetBaseProps,
  ) {
    super(props, fn.functionArn);
  }

  protected addTargetActionToRole(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.fn.functionArn] }),
    );
  }
}

/**
 * EventBridge Scheduler schedule that invokes the checker (the function, or the organization's state machine),
 * with a bounded retry policy and an encrypted, TLS-only dead-letter queue for invocations that could not be
 * delivered.
 */
export class CheckerSchedule extends Construct {
  public readonly schedule: scheduler.Schedule;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CheckerScheduleProps) {
    super(scope, id);
    checkProps(this, {
      expression: [props.expression, SCHEDULE_RULE],
      timeZone: [props.timeZone, TIME_ZONE_RULE],
    });
    const stack = Stack.of(this);
    if ((props.function === undefined) === (props.stateMachine === undefined)) {
      throw new Error('CheckerSchedule: give exactly one of function and stateMachine');
    }

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.deadLetterKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the EventBridge Scheduler schedule; nothing consumes it automatically, so it needs no DLQ of its own. An alarm fires on its first message.',
    });

    // Scheduler assumes this role to invoke the function and, when delivery fails, to send to the DLQ; only
    // schedules in this account's default schedule group may assume it (confused-deputy protection).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: 'default',
            }),
          },
        },
      }),
      description: props.function
        ? 'EventBridge Scheduler: invoke the IAM certificate expiry checker, dead-letter failed invocations'
        : 'EventBridge Scheduler: start the IAM certificate expiry organization run, dead-letter failed starts',
    });
    // The DLQ is encrypted with a customer-managed key, so sending to it needs the key too (this key only), and only
    // through SQS: Scheduler sends the dead-letter event with this role (sqs:SendMessage,
    // https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html), and SQS asks KMS for the
    // producer's data key (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.deadLetterKey.keyArn],
        conditions: viaServices(this, 'sqs'),
      }),
    );
    this.deadLetterQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowTheSchedulerRoleToDeadLetter',
        principals: [this.role],
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );

    const targetProps: targets.ScheduleTargetBaseProps = {
      role: this.role,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: props.retryAttempts ?? 2,
      maxEventAge: props.maxEventAge ?? Duration.hours(1),
    };
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Runs the IAM certificate expiry checker',
      schedule: scheduler.ScheduleExpression.expression(props.expression, TimeZone.of(props.timeZone ?? 'UTC')),
      timeWindow: scheduler.TimeWindow.off(),
      target: props.function
        ? new InvokeUnqualifiedFunction(props.function, {
            ...targetProps,
            // The run's id: a retried or twice-delivered invocation keeps it (contract/schedule.ts).
            input: scheduler.ScheduleTargetInput.fromObject({
              [RUN_ID_INPUT_KEY]: scheduler.ContextAttribute.scheduledTime,
            }),
          })
        : new targets.StepFunctionsStartExecution(props.stateMachine!, {
            ...targetProps,
            input: scheduler.ScheduleTargetInput.fromObject({}),
          }),
    });
  }
}
