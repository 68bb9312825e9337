import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The services through which this app's roles use a customer-managed key: SSE-KMS topics, queues and objects. */
export type KeyUsingService = 'sns' | 'sqs' | 's3';

/**
 * The `kms:ViaService` condition of a role's grant on a customer-managed key: the key serves only the requests these
 * services make to KMS on the role's behalf, in the stack's region, and a direct KMS call with the role's
 * credentials (Decrypt of anything else the key protects) is refused. SNS, SQS and S3 are in the list of services
 * that support the key, whose ViaService names end in `.amazonaws.com` in every partition
 * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service).
 * One service gives a string (as the state machine's grant always had), several a list (any of them).
 */
export function viaServices(
  scope: IConstruct,
  ...services: [KeyUsingService, ...KeyUsingService[]]
): { StringEquals: { 'kms:ViaService': string | string[] } } {
  const region = Stack.of(scope).region;
  const names = services.map((service) => `${service}.${region}.amazonaws.com`);
  return { StringEquals: { 'kms:ViaService': names.length === 1 ? names[0]! : names } };
}
