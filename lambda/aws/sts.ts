import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { TemporaryCredentials } from './clients';
import { sendOptions } from './send-options';

/** `arn:aws:iam::111111111111:role/IamCertExpiryMonitorReader` (the partition is the caller's). */
export function memberRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** Temporary credentials of the role; the session name shows in the member account's CloudTrail. */
export async function assumeRole(
  client: STSClient,
  roleArn: string,
  sessionName: string,
  abortSignal?: AbortSignal,
): Promise<TemporaryCredentials> {
  const { Credentials } = await client.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: 900 }),
    sendOptions(abortSignal),
  );
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey)
    throw new Error(`AssumeRole of ${roleArn} returned no credentials`);
  return {
    accessKeyId: Credentials.AccessKeyId,
    secretAccessKey: Credentials.SecretAccessKey,
    ...(Credentials.SessionToken !== undefined ? { sessionToken: Credentials.SessionToken } : {}),
    ...(Credentials.Expiration ? { expiration: Credentials.Expiration } : {}),
  };
}

/** The caller's account and partition (`arn:aws:iam::111111111111:user/x` → `aws`, `111111111111`). */
export async function callerIdentity(
  client: STSClient,
): Promise<{ readonly accountId: string; readonly partition: string }> {
  const identity = await client.send(new GetCallerIdentityCommand({}));
  return { accountId: identity.Account ?? 'unknown', partition: identity.Arn?.split(':')[1] ?? 'aws' };
}
