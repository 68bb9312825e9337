import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { AwsClients, DEFAULT_CLIENT_OPTIONS } from './aws/clients';
import { createHandler } from './create-handler';
import { METRICS } from '../contract/environment';
import { parseSettings } from './settings';

// Cold start: a missing or invalid variable fails here, naming it, before any invocation runs.
const settings = parseSettings(process.env);

export const handler = createHandler({
  settings,
  clients: new AwsClients({ ...DEFAULT_CLIENT_OPTIONS, homeRegion: process.env.AWS_REGION ?? 'us-east-1' }),
  logger: new Logger({ serviceName: METRICS.serviceName }),
  metrics: new Metrics({ namespace: METRICS.namespace, serviceName: METRICS.serviceName }),
});
