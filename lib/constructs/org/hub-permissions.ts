import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { PUBLISH_ACTION } from '../../../contract/permissions';
import { ORGANIZATION_READ_ACTIONS, RUN_DATA_PREFIX } from '../../../contract/organization';
import { logicalIdOf } from '../logical-id';
import { grantReadPermissions } from '../read-permissions';
import { viaServices } from '../via-service';

export interface HubRoles {
  readonly listAccounts: iam.Role;
  readonly scanAccount: iam.Role;
  readonly aggregate: iam.Role;
}

export interface HubResources {
  readonly runData: s3.IBucket;
  readonly runDataKey: kms.IKey;
  readonly topic: sns.ITopic;
  readonly topicKey: kms.IKey;
  /**
   * The Slack channel's digest-only topic and its key; the aggregate publishes the digest there too.
   * @default - no Slack channel
   */
  readonly chatDigest?: { readonly topic: sns.ITopic; readonly key: kms.IKey };
  /** Name of the member read role (the same in every member account). */
  readonly memberRoleName: string;
  /** This organization's id (`o-…`): the only organization whose roles the scan may assume. */
  readonly organizationId: string;
}

/**
 * Every action the organization run's function roles hold, in one place (each role also writes its own logs,
 * see OrgFunction). Run data is reachable only under the run prefix, and only in the direction each step needs.
 *
 * - list accounts: the Organizations read calls of the recursive walk; write the account list.
 * - scan account:  assume the member role in this organization's accounts; read the hub's own account
 *                  (READ_PERMISSIONS, as the single-account checker); write a large report.
 * - aggregate:     read the list, the Map's results and reports; publish the alerts.
 *
 * Every key is used only through the service that encrypts with it (`kms:ViaService`, see via-service.ts): the
 * run-data key through S3, which calls KMS for the writer's PutObject and the reader's GetObject
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html), the topic keys through SNS, which
 * does so for the publisher (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
 */
export function grantHubPermissions(roles: HubRoles, resources: HubResources): void {
  const stack = Stack.of(roles.listAccounts);
  const runObjects = resources.runData.arnForObjects(`${RUN_DATA_PREFIX}*`);
  const writeRunData = (role: iam.Role) => {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'WriteRunData', actions: ['s3:PutObject'], resources: [runObjects] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'EncryptRunData',
        actions: ['kms:GenerateDataKey'],
        resources: [resources.runDataKey.keyArn],
        conditions: viaServices(stack, 's3'),
      }),
    );
  };

  roles.listAccounts.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'WalkTheOrganization', actions: [...ORGANIZATION_READ_ACTIONS], resources: ['*'] }),
  );
  writeRunData(roles.listAccounts);

  roles.scanAccount.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'AssumeTheMemberReadRole',
      actions: ['sts:AssumeRole'],
      resources: [
        stack.formatArn({
          service: 'iam',
          region: '',
          account: '*',
          resource: 'role',
          resourceName: resources.memberRoleName,
        }),
      ],
      conditions: { StringEquals: { 'aws:ResourceOrgID': resources.organizationId } },
    }),
  );
  grantReadPermissions(roles.scanAccount);
  writeRunData(roles.scanAccount);

  roles.aggregate.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'ReadRunData', actions: ['s3:GetObject'], resources: [runObjects] }),
  );
  roles.aggregate.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'DecryptRunData',
      actions: ['kms:Decrypt'],
      resources: [resources.runDataKey.keyArn],
      conditions: viaServices(stack, 's3'),
    }),
  );
  roles.aggregate.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'PublishAlerts', actions: [PUBLISH_ACTION], resources: [resources.topic.topicArn] }),
  );
  roles.aggregate.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'UseAlertTopicKey',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [resources.topicKey.keyArn],
      conditions: viaServices(stack, 'sns'),
    }),
  );

  if (resources.chatDigest) {
    roles.aggregate.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PublishChatDigest',
        actions: [PUBLISH_ACTION],
        resources: [resources.chatDigest.topic.topicArn],
      }),
    );
    roles.aggregate.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'UseChatDigestTopicKey',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [resources.chatDigest.key.keyArn],
        conditions: viaServices(stack, 'sns'),
      }),
    );
  }

  const runDataReason =
    `Run data only: objects under the ${RUN_DATA_PREFIX} prefix of this stack's run-data bucket, whose keys (one prefix per ` +
    'execution, one report per account) are made at run time.';
  for (const role of [roles.listAccounts, roles.scanAccount, roles.aggregate]) {
    Validations.of(role.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(resources.runData)}.Arn>/${RUN_DATA_PREFIX}*]`,
      reason: runDataReason,
    });
  }
  Validations.of(roles.listAccounts.node.findChild('DefaultPolicy')).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      `Only for ${ORGANIZATION_READ_ACTIONS.join(', ')} (read-only): the accounts and OUs of the organization are not known at ` +
      'deploy time, and the walk starts from the configured OUs or the root.',
  });
  Validations.of(roles.scanAccount.node.findChild('DefaultPolicy')).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${resources.memberRoleName}]`,
    reason:
      `sts:AssumeRole on the member read role ${resources.memberRoleName} only, in whichever member account is scanned (accounts ` +
      'join and leave the organization at any time), and only where the role belongs to this organization (aws:ResourceOrgID).',
  });
}
