/**
 * The organization run's state machine definition, synthesized from the stack's own construct (OrgStateMachine)
 * with the given batch settings, for the local runner: the demo, the e2e tests and the bench run the definition
 * that is deployed. Inline stand-in functions keep synthesis free of bundling.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_ACCOUNTS_PER_BATCH } from '../contract/defaults';
import { bucketInterface } from '../lib/constructs/bucket-interface';
import { OrgStateMachine } from '../lib/constructs/org/org-state-machine';
import type { AslDefinition } from './asl-map';

export interface OrgDefinitionProps {
  /** @default DEFAULT_ACCOUNT_CONCURRENCY */
  readonly accountConcurrency?: number;
  /** @default DEFAULT_ACCOUNTS_PER_BATCH */
  readonly accountsPerBatch?: number;
}

const synthesized = new Map<string, AslDefinition>();

/** The definition (Amazon States Language), references replaced by placeholders; synthesized once per settings. */
export function orgRunDefinition(props: OrgDefinitionProps = {}): AslDefinition {
  const settings = {
    accountConcurrency: props.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY,
    accountsPerBatch: props.accountsPerBatch ?? DEFAULT_ACCOUNTS_PER_BATCH,
  };
  const id = JSON.stringify(settings);
  const known = synthesized.get(id);
  if (known) return known;
  // As in cdk.json: without this flag CDK renders no ResultWriter (resultWriterV2 is ignored).
  const app = new App({ context: { '@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2': true } });
  const stack = new Stack(app, 'OrgRun');
  const fn = (name: string) =>
    new lambda.Function(stack, name, {
      runtime: lambda.Runtime.NODEJS_LATEST,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
  const runDataKey = new kms.Key(stack, 'Key');
  const run = new OrgStateMachine(stack, 'Run', {
    listAccounts: fn('ListAccounts'),
    scanAccount: fn('ScanAccount'),
    aggregate: fn('Aggregate'),
    runData: bucketInterface(new s3.Bucket(stack, 'RunData', { encryptionKey: runDataKey })),
    runDataKey,
    logRetention: logs.RetentionDays.ONE_DAY,
    ...settings,
  });
  const resource = stack.resolve((run.stateMachine.node.defaultChild as sfn.CfnStateMachine).definitionString) as
    string | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof resource === 'string'
      ? resource
      : resource['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'reference')).join('');
  const definition = JSON.parse(text) as AslDefinition;
  synthesized.set(id, definition);
  return definition;
}
