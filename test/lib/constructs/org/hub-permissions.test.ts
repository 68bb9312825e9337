import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ORGANIZATION_READ_ACTIONS } from '../../../../contract/organization';
import { READ_PERMISSIONS } from '../../../../contract/permissions';
import { grantHubPermissions } from '../../../../lib/constructs/org/hub-permissions';
import { bucketInterface } from '../../../../lib/constructs/bucket-interface';
import {
  arnOf,
  bareStack,
  type Json,
  ref,
  sortedActions,
  statementsOf,
  statementWithSid,
  viaServiceCondition,
} from '../support';

function build(withChatDigest = false) {
  const stack = bareStack();
  const role = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const roles = { listAccounts: role('ListAccounts'), scanAccount: role('ScanAccount'), aggregate: role('Aggregate') };
  const runDataKey = new kms.Key(stack, 'RunDataKey');
  const runData = bucketInterface(new s3.Bucket(stack, 'RunData', { encryptionKey: runDataKey }));
  const topicKey = new kms.Key(stack, 'TopicKey');
  const topic = new sns.Topic(stack, 'Topic', { masterKey: topicKey });
  const chatKey = new kms.Key(stack, 'ChatKey');
  const chatTopic = new sns.Topic(stack, 'ChatTopic', { masterKey: chatKey });
  grantHubPermissions(roles, {
    runData,
    runDataKey,
    topic,
    topicKey,
    memberRoleName: 'CertReader',
    organizationId: 'o-abcd123456',
    ...(withChatDigest ? { chatDigest: { topic: chatTopic, key: chatKey } } : {}),
  });
  const template = Template.fromStack(stack);
  const granted = (r: iam.Role) => statementsOf(template, r);
  const runObjects: Json = { 'Fn::Join': ['', [arnOf(runData), '/runs/*']] };
  return { roles, runData, runDataKey, topic, topicKey, chatTopic, chatKey, granted, runObjects };
}

describe('grantHubPermissions', () => {
  const built = build();

  test('list accounts: the Organizations walk on "*", write run data under runs/ with its key', () => {
    const statements = built.granted(built.roles.listAccounts);
    expect(sortedActions(statements)).toEqual(
      [...ORGANIZATION_READ_ACTIONS, 'kms:GenerateDataKey', 's3:PutObject'].sort(),
    );
    expect(statementWithSid(statements, 'WalkTheOrganization').Resource).toBe('*');
    expect(statementWithSid(statements, 'WriteRunData').Resource).toEqual(built.runObjects);
    expect(statementWithSid(statements, 'EncryptRunData').Resource).toEqual(arnOf(built.runDataKey));
  });

  test("scan account: assume the member role in this organization's accounts only, the read actions, write run data", () => {
    const statements = built.granted(built.roles.scanAccount);
    expect(sortedActions(statements)).toEqual(
      ['sts:AssumeRole', ...READ_PERMISSIONS.map((p) => p.action), 's3:PutObject', 'kms:GenerateDataKey'].sort(),
    );
    expect(statementWithSid(statements, 'AssumeTheMemberReadRole')).toMatchObject({
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/CertReader']] },
      Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-abcd123456' } },
    });
  });

  test('aggregate: read run data, publish to the topic with its key; nothing else', () => {
    const statements = built.granted(built.roles.aggregate);
    expect(sortedActions(statements)).toEqual(
      ['s3:GetObject', 'kms:Decrypt', 'sns:Publish', 'kms:GenerateDataKey', 'kms:Decrypt'].sort(),
    );
    expect(statementWithSid(statements, 'ReadRunData').Resource).toEqual(built.runObjects);
    expect(statementWithSid(statements, 'DecryptRunData').Resource).toEqual(arnOf(built.runDataKey));
    expect(statementWithSid(statements, 'PublishAlerts').Resource).toEqual(ref(built.topic));
    expect(statementWithSid(statements, 'UseAlertTopicKey').Resource).toEqual(arnOf(built.topicKey));
  });

  test('aggregate with a chat digest topic: publish there too, with its key', () => {
    const chat = build(true);
    const statements = chat.granted(chat.roles.aggregate);
    expect(statementWithSid(statements, 'PublishChatDigest')).toMatchObject({
      Action: 'sns:Publish',
      Resource: ref(chat.chatTopic),
    });
    expect(statementWithSid(statements, 'UseChatDigestTopicKey').Resource).toEqual(arnOf(chat.chatKey));
  });

  describe('every key only through the service that encrypts with it (kms:ViaService)', () => {
    const chat = build(true);
    const grant = (role: 'listAccounts' | 'scanAccount' | 'aggregate', sid: string) =>
      statementWithSid(chat.granted(chat.roles[role]), sid);

    test.each([['listAccounts'], ['scanAccount']] as const)('%s: the run-data key through S3 (PutObject)', (role) => {
      expect(grant(role, 'EncryptRunData')).toEqual({
        Sid: 'EncryptRunData',
        Effect: 'Allow',
        Action: 'kms:GenerateDataKey',
        Resource: arnOf(chat.runDataKey),
        Condition: viaServiceCondition('s3'),
      });
    });

    test('aggregate: the run-data key through S3 (GetObject), both topic keys through SNS (Publish)', () => {
      expect(grant('aggregate', 'DecryptRunData')).toEqual({
        Sid: 'DecryptRunData',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: arnOf(chat.runDataKey),
        Condition: viaServiceCondition('s3'),
      });
      for (const [sid, key] of [
        ['UseAlertTopicKey', chat.topicKey],
        ['UseChatDigestTopicKey', chat.chatKey],
      ] as const) {
        expect(grant('aggregate', sid)).toEqual({
          Sid: sid,
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: arnOf(key),
          Condition: viaServiceCondition('sns'),
        });
      }
    });
  });
});
