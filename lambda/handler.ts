import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { AwsClients, DEFAULT_CLIENT_OPTIONS } from './aws/clients';
import { createHandler } from './create-handler';
import { METRICS } from '../contract/environment';
import { parseSettings } from './settings';

// Cold start: a missing or invalid variable fails here, naming it, before any invocation runs.
const settings = parseSettings(process.env);

/**
 * The wiring. `now` replaces the system clock for the demo, whose estate is dated from one instant: a clock that
 * runs on by even a millisecond turns "expires in 5 days" into 4 (days left are whole days, rounded toward zero).
 */
export function wireHandler(now?: () => Date) {
  return createHandler({
    settings,
    clients: new AwsClients({ ...DEFAULT_CLIENT_OPTIONS, homeRegion: process.env.AWS_REGION ?? 'us-east-1' }),
    logger: new Logger({ serviceName: METRICS.serviceName }),
    metrics: new Metrics({ namespace: METRICS.namespace, serviceName: METRICS.serviceName }),
    ...(now ? { now } : {}),
  });
}

export const handler = wireHandler();
