import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { ORG_METRICS } from '../../contract/organization';
import { accountClientsFor, sdkConfig } from './sdk-config';
import { createScanAccountHandler } from './create-scan-account-handler';
import { parseScanAccountSettings } from './org-settings';

// Cold start: a missing or invalid variable fails here, naming it, before any invocation runs.
const settings = parseScanAccountSettings(process.env);
const region = process.env.AWS_REGION ?? 'us-east-1';

export const handler = createScanAccountHandler({
  settings,
  // The regional STS endpoint of the function's own region.
  sts: new STSClient(sdkConfig(region)),
  s3: new S3Client(sdkConfig(region)),
  clientsFor: accountClientsFor(region),
  logger: new Logger({ serviceName: ORG_METRICS.serviceName }),
});
