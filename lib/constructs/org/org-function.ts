import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS_RULE } from '../../../contract/validation';
import { checkProps } from '../prop-checks';
import { bundledFunctionProps, SOURCE_MAPS_ENVIRONMENT } from '../function-bundling';
import { functionLogGroupAndRole } from '../function-role';

export interface OrgFunctionProps {
  /** Handler module (exports `handler`), relative to the repository root or absolute. */
  readonly entry: string;
  /** Function and role description. */
  readonly description: string;
  /** Environment variables (source maps are switched on besides). */
  readonly environment: Readonly<Record<string, string>>;
  /** Retention of the function's log group. */
  readonly logRetention: logs.RetentionDays;
  /** Memory size in MB. */
  readonly memorySize: number;
  /** Timeout. */
  readonly timeout: Duration;
  /**
   * What happens to the log group when the stack is deleted.
   * @default RemovalPolicy.DESTROY
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * One function of the organization run, invoked synchronously by the state machine (which retries it): the
 * project's bundling conventions (see function-bundling.ts), its own log group, and a role with no managed policy
 * that can only write its own logs until the stack grants it more.
 */
export class OrgFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: OrgFunctionProps) {
    super(scope, id);
    checkProps(this, { logRetention: [props.logRetention, LOG_RETENTION_DAYS_RULE] });
    ({ logGroup: this.logGroup, role: this.role } = functionLogGroupAndRole(this, props));
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: props.description,
      ...bundledFunctionProps(props.entry),
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment, ...SOURCE_MAPS_ENVIRONMENT },
    });
  }
}
