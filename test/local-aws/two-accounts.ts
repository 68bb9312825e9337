/** Tests that act as a second account: a two-account organization, and STS AssumeRole into its member. */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, type AwsServer, type OrganizationScenario, type Scenario } from '../../local-aws';

/** A management account and one member (with its estate, if given), the member's role deployed. */
export function twoAccountOrganization(
  managementId: string,
  memberId: string,
  memberEstate?: Scenario,
): OrganizationScenario {
  return {
    managementAccountId: managementId,
    accounts: [
      { id: managementId, name: 'management' },
      { id: memberId, name: 'member', ...(memberEstate ? { estate: memberEstate } : {}) },
    ],
  };
}

/** The member role's ARN in an account. */
export const memberRoleArn = (accountId: string): string => `arn:aws:iam::${accountId}:role/IamCertExpiryMonitorReader`;

export interface AssumedRole {
  /** For an SDK client's `credentials`: its requests are answered from the role account's estate. */
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string;
  };
  readonly assumedRoleUserArn: string;
}

export async function assumeRole(server: AwsServer, roleArn: string, sessionName = 's'): Promise<AssumedRole> {
  const sts = new STSClient(clientConfig(server));
  try {
    const { Credentials, AssumedRoleUser } = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }),
    );
    return {
      credentials: {
        accessKeyId: Credentials!.AccessKeyId!,
        secretAccessKey: Credentials!.SecretAccessKey!,
        sessionToken: Credentials!.SessionToken!,
      },
      assumedRoleUserArn: AssumedRoleUser!.Arn!,
    };
  } finally {
    sts.destroy();
  }
}
