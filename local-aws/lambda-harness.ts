import type { Context } from 'aws-lambda';
import { join } from 'node:path';
import { DEFAULT_THRESHOLDS } from '../contract/defaults';
import { ENV } from '../contract/environment';
import { ALL_REGIONS } from '../contract/validation';
import type { AccountHandler } from '../lambda/create-handler';

export const TEST_ACCOUNT = '123456789012';
export const TEST_TOPIC = `arn:aws:sns:us-east-1:${TEST_ACCOUNT}:iam-cert-expiry-alerts`;

/** A Lambda context whose remaining time counts down from `remainingMs`. */
export function lambdaContext(accountId = TEST_ACCOUNT, remainingMs = 900_000): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'iam-cert-expiry-checker',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:${accountId}:function:iam-cert-expiry-checker`,
    memoryLimitInMB: '256',
    awsRequestId: '00000000-0000-4000-8000-000000000000',
    logGroupName: '/aws/lambda/iam-cert-expiry-checker',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The environment the stack gives the function, pointed at a loopback endpoint with dummy credentials.
 * Logs are kept to warnings and metrics off unless asked, so test output stays readable.
 */
export function loopbackEnvironment(endpoint: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTEST0001',
    AWS_SECRET_ACCESS_KEY: 'loopback-secret',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    [ENV.topicArn]: TEST_TOPIC,
    [ENV.thresholdDays]: String(DEFAULT_THRESHOLDS.thresholdDays),
    [ENV.warningDays]: String(DEFAULT_THRESHOLDS.warningDays),
    [ENV.regions]: ALL_REGIONS,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...overrides,
  };
}

export type Handler = AccountHandler;

/** Sets `env` on the process (returning a function that restores the previous values). */
export function applyEnvironment(env: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/**
 * The account handler, loaded through the caller's `require` (jest's, inside `isolateModules`, for a fresh cold
 * start): the handler reads its settings from the environment when its module loads, as in Lambda. `now`: the
 * clock the scenario was dated from (the handler's own otherwise).
 */
export function loadAccountHandler(load: (path: string) => unknown, now?: () => Date): Handler {
  const module = load(join(__dirname, '..', 'lambda', 'handler')) as {
    handler: Handler;
    wireHandler: (now?: () => Date) => Handler;
  };
  return now ? module.wireHandler(now) : module.handler;
}
