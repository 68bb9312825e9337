import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { topicRegion } from '../aws/sns';
import { METRICS } from '../../contract/environment';
import { ORG_METRICS } from '../../contract/organization';
import { sdkConfig } from './sdk-config';
import { createAggregateHandler } from './create-aggregate-handler';
import { parseAggregateSettings } from './org-settings';

// Cold start: a missing or invalid variable fails here, naming it, before any invocation runs.
const settings = parseAggregateSettings(process.env);

export const handler = createAggregateHandler({
  settings,
  s3: new S3Client(sdkConfig(process.env.AWS_REGION ?? 'us-east-1')),
  sns: new SNSClient(sdkConfig(topicRegion(settings.topicArn))),
  logger: new Logger({ serviceName: ORG_METRICS.serviceName }),
  metrics: new Metrics({ namespace: METRICS.namespace, serviceName: ORG_METRICS.serviceName }),
});
