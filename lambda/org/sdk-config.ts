import { DEFAULT_CLIENT_OPTIONS } from '../aws/clients';

/** Config of the organization run's own clients (Organizations, STS, S3, SNS): the checker's retry policy. */
export function sdkConfig(region: string) {
  return { region, maxAttempts: DEFAULT_CLIENT_OPTIONS.maxAttempts, retryMode: 'adaptive' };
}
