import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DEFAULT_CLIENT_OPTIONS } from '../aws/clients';
import { METRICS } from '../environment-names';
import { topicRegion } from '../settings';
import { ORG_METRICS } from './contract';
import { createAggregateHandler } from './create-aggregate-handler';
import { parseAggregateSettings } from './org-settings';

// Cold start: a missing or invalid variable fails here, naming it, before any invocation runs.
const settings = parseAggregateSettings(process.env);
const retries = { maxAttempts: DEFAULT_CLIENT_OPTIONS.maxAttempts, retryMode: 'adaptive' };

export const handler = createAggregateHandler({
  settings,
  s3: new S3Client({ region: process.env.AWS_REGION ?? 'us-east-1', ...retries }),
  sns: new SNSClient({ region: topicRegion(settings.topicArn), ...retries }),
  logger: new Logger({ serviceName: ORG_METRICS.serviceName }),
  metrics: new Metrics({ namespace: METRICS.namespace, serviceName: ORG_METRICS.serviceName }),
});
