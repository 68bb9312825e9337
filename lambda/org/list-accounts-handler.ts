import { Logger } from '@aws-lambda-powertools/logger';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { ORG_METRICS } from '../../contract/organization';
import { sdkConfig } from './sdk-config';
import { createListAccountsHandler } from './create-list-accounts-handler';
import { parseListAccountsSettings } from './org-settings';

// Cold start: a missing or invalid variable fails here, naming it, before any invocation runs.
const settings = parseListAccountsSettings(process.env);
const region = process.env.AWS_REGION ?? 'us-east-1';

export const handler = createListAccountsHandler({
  settings,
  // Organizations is global: the SDK resolves every commercial region to its one endpoint.
  organizations: new OrganizationsClient(sdkConfig(region)),
  s3: new S3Client(sdkConfig(region)),
  logger: new Logger({ serviceName: ORG_METRICS.serviceName }),
});
