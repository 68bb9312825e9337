/**
 * The integration test's app, built by test/integ/integ.monitor.ts (run by integ-runner: `npm run integ`) and by
 * test/integ/snapshot.test.ts (offline: the synthesized templates must equal the committed snapshot).
 *
 * In a real account it deploys the monitor with an SQS subscription, uploads a self-signed certificate that expires
 * in two days, invokes the checker once, and asserts that the JSON report delivered to the queue names that
 * certificate as critical. integ-runner then destroys both stacks; deleting the certificate resource deletes the
 * certificate from IAM.
 */
import * as path from 'node:path';
import { App, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { ExpectedResult, IntegTest, InvocationType, Match } from '@aws-cdk/integ-tests-alpha';
import { parseConfig } from '../../lib/config';
import { quietBundling } from '../../lib/constructs/function-bundling';
import { MonitorStack } from '../../lib/monitor-stack';
import cdkJson from '../../cdk.json';

/** Fixed, so the assertion is a plain pattern; a leftover from an interrupted run makes the upload fail loudly. */
export const CERTIFICATE_NAME = 'iam-cert-expiry-monitor-integ';
export const STACK_NAME = 'IamCertExpiryMonitorInteg';

/** The feature flags `cdk synth` runs the product with (integ-runner does not read cdk.json). */
const FEATURE_FLAGS = Object.fromEntries(Object.entries(cdkJson.context).filter(([k]) => k.includes(':')));

export function buildIntegApp(outdir?: string): App {
  const app = new App({ context: FEATURE_FLAGS, ...(outdir ? { outdir } : {}) });
  const stack = new MonitorStack(app, STACK_NAME, { config: parseConfig({ topicSubscribedElsewhere: true }) });

  // The test subscriber: the report (the `sqs` variant of the message) lands here.
  const inbox = new sqs.Queue(stack, 'IntegInbox', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true });
  stack.monitor.alerts.topic.addSubscription(new subscriptions.SqsSubscription(inbox));

  // Deployed with the monitor, so it exists before the assertions (their own stack, deployed after this one) run.
  new CustomResource(stack, 'IntegCertificate', {
    serviceToken: new cr.Provider(stack, 'IntegCertificateProvider', { onEventHandler: certificateFunction(stack) })
      .serviceToken,
    properties: { CertificateName: CERTIFICATE_NAME, ExpiresInDays: '2' },
  });

  const { assertions } = new IntegTest(app, 'CertExpiryMonitor', { testCases: [stack], diffAssets: false });
  assertions
    .invokeFunction({
      functionName: stack.monitor.checker.function.functionName,
      invocationType: InvocationType.REQUEST_RESPONSE,
    })
    .expect(ExpectedResult.objectLike({ StatusCode: 200 }))
    .next(
      assertions
        .awsApiCall('SQS', 'receiveMessage', { QueueUrl: inbox.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 })
        .expect(
          ExpectedResult.objectLike({
            Messages: Match.arrayWith([
              Match.objectLike({
                Body: Match.stringLikeRegexp(
                  `${CERTIFICATE_NAME}[\\s\\S]*critical|critical[\\s\\S]*${CERTIFICATE_NAME}`,
                ),
              }),
            ]),
          }),
        )
        .waitForAssertions({ totalTimeout: Duration.minutes(5), interval: Duration.seconds(10) }),
    );
  return app;
}

function certificateFunction(stack: Stack): lambda.IFunction {
  const fn = new nodejs.NodejsFunction(stack, 'IntegCertificateFunction', {
    entry: path.join(__dirname, 'certificate-handler.ts'),
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    timeout: Duration.minutes(1),
    bundling: { forceDockerBundling: false, format: nodejs.OutputFormat.CJS, ...quietBundling() },
  });
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['iam:UploadServerCertificate', 'iam:DeleteServerCertificate'],
      resources: [
        stack.formatArn({ service: 'iam', region: '', resource: 'server-certificate', resourceName: CERTIFICATE_NAME }),
      ],
    }),
  );
  return fn;
}
