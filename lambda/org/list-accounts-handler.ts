import { Logger } from '@aws-lambda-powertools/logger';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_CLIENT_OPTIONS } from '../aws/clients';
import { ORG_METRICS } from './contract';
import { createListAccountsHandler } from './create-list-accounts-handler';
import { parseListAccountsSettings } from './org-settings';

// Cold start: a missing or invalid variable fails here, naming it, before any invocation runs.
const settings = parseListAccountsSettings(process.env);
const region = process.env.AWS_REGION ?? 'us-east-1';
const retries = { maxAttempts: DEFAULT_CLIENT_OPTIONS.maxAttempts, retryMode: 'adaptive' };

export const handler = createListAccountsHandler({
  settings,
  // Organizations is global: the SDK resolves every commercial region to its one endpoint.
  organizations: new OrganizationsClient({ region, ...retries }),
  s3: new S3Client({ region, ...retries }),
  logger: new Logger({ serviceName: ORG_METRICS.serviceName }),
});
