import { AwsClients, DEFAULT_CLIENT_OPTIONS, type TemporaryCredentials } from '../aws/clients';

/** Config of the organization run's own clients (Organizations, STS, S3, SNS): the checker's retry policy. */
export function sdkConfig(region: string) {
  return { region, maxAttempts: DEFAULT_CLIENT_OPTIONS.maxAttempts, retryMode: 'adaptive' };
}

/** The checker's clients for one account's scan: an assumed member role's credentials, or the caller's own. */
export function accountClientsFor(homeRegion: string): (credentials: TemporaryCredentials | undefined) => AwsClients {
  return (credentials) =>
    new AwsClients({ ...DEFAULT_CLIENT_OPTIONS, homeRegion, ...(credentials ? { credentials } : {}) });
}
