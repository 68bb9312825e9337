import {
  AwsClients,
  DEFAULT_CLIENT_OPTIONS,
  observeCalls,
  type CallerOptions,
  type TemporaryCredentials,
} from '../aws/clients';

/**
 * Config of the organization run's own clients (Organizations, STS, S3, SNS): the checker's retry policy, and the
 * laptop caller's profile when it names one.
 */
export function sdkConfig(region: string, caller: CallerOptions = {}) {
  return {
    region,
    maxAttempts: DEFAULT_CLIENT_OPTIONS.maxAttempts,
    retryMode: 'adaptive',
    ...(caller.profile !== undefined ? { profile: caller.profile } : {}),
  };
}

/** A client of the organization run, observed like the checker's when the caller listens (--verbose). */
export function callerClient<T extends object>(client: T, region: string, caller: CallerOptions = {}): T {
  return caller.onCall ? observeCalls(client, region, caller.onCall) : client;
}

/** The checker's clients for one account's scan: an assumed member role's credentials, or the caller's own. */
export function accountClientsFor(
  homeRegion: string,
  caller: CallerOptions = {},
): (credentials: TemporaryCredentials | undefined) => AwsClients {
  return (credentials) =>
    new AwsClients({ ...DEFAULT_CLIENT_OPTIONS, ...caller, homeRegion, ...(credentials ? { credentials } : {}) });
}
