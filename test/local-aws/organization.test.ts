/**
 * The loopback server as several accounts: Organizations (JSON 1.1), STS AssumeRole (query) choosing the
 * account by access key id, and S3 objects, all through unmodified SDK v3 clients.
 */
import { IAMClient, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import {
  type Account,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListChildren,
  ListChildrenCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, scenarioBuilder, startAwsServer, type AwsServer } from '../../local-aws';
import type { OrganizationScenario } from '../../local-aws/estate/organization-scenario';
import { assumeRole } from './two-accounts';

const now = new Date('2026-11-30T06:00:00Z');
const MANAGEMENT = '111111111111';

function organization(memberCount = 3): OrganizationScenario {
  return {
    managementAccountId: MANAGEMENT,
    rootId: 'r-ab12',
    organizationalUnits: [
      { id: 'ou-ab12-prod0001', name: 'Production' },
      { id: 'ou-ab12-team0001', name: 'Team', parentId: 'ou-ab12-prod0001' },
    ],
    accounts: [
      { id: MANAGEMENT, name: 'management', memberRole: 'missing' },
      {
        id: '222222222222',
        name: 'prod-web',
        parentId: 'ou-ab12-prod0001',
        estate: scenarioBuilder({ now }).account('222222222222').certificate('web', { expiresInDays: 3 }).build(),
      },
      { id: '333333333333', name: 'team-api', parentId: 'ou-ab12-team0001', memberRole: 'missing' },
      ...Array.from({ length: memberCount }, (_, i) => ({
        id: String(900_000_000_000 + i),
        name: `bulk-${i}`,
        parentId: 'ou-ab12-team0001',
      })),
      { id: '444444444444', name: 'closed', state: 'SUSPENDED' as const },
    ],
  };
}

let server: AwsServer;
afterEach(async () => server?.close());

async function start(memberCount = 3): Promise<void> {
  server = await startAwsServer({
    scenario: scenarioBuilder({ now }).account(MANAGEMENT).certificate('mgmt', { expiresInDays: 90 }).build(),
    organization: organization(memberCount),
  });
}

describe('organization on the loopback server', () => {
  it('AssumeRole returns credentials whose calls see the role account’s estate', async () => {
    await start();
    const { credentials, assumedRoleUserArn } = await assumeRole(
      server,
      'arn:aws:iam::222222222222:role/IamCertExpiryMonitorReader',
      'scan',
    );
    expect(assumedRoleUserArn).toBe('arn:aws:sts::222222222222:assumed-role/IamCertExpiryMonitorReader/scan');
    const iamAsMember = new IAMClient({ ...clientConfig(server), credentials });
    const member = await iamAsMember.send(new ListServerCertificatesCommand({}));
    expect(member.ServerCertificateMetadataList?.map((c) => c.Arn)).toEqual([
      'arn:aws:iam::222222222222:server-certificate/web',
    ]);
    const own = await new IAMClient(clientConfig(server)).send(new ListServerCertificatesCommand({}));
    expect(own.ServerCertificateMetadataList?.map((c) => c.ServerCertificateName)).toEqual(['mgmt']);
    const identity = await new STSClient({ ...clientConfig(server), credentials: iamAsMember.config.credentials }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Account).toBe('222222222222');
  });

  it('refuses AssumeRole with AccessDenied where the role is missing, the account unknown or the role name wrong', async () => {
    await start();
    const sts = new STSClient(clientConfig(server));
    for (const roleArn of [
      'arn:aws:iam::333333333333:role/IamCertExpiryMonitorReader',
      'arn:aws:iam::999999999999:role/IamCertExpiryMonitorReader',
      'arn:aws:iam::222222222222:role/SomethingElse',
    ]) {
      await expect(sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's' }))).rejects.toMatchObject({
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
        message: expect.stringContaining(`is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`),
      });
    }
  });

  it('walks the tree with paginated ListChildren and ListAccountsForParent (pages of 20)', async () => {
    await start(45);
    const client = new OrganizationsClient(clientConfig(server));
    const { Roots } = await client.send(new ListRootsCommand({}));
    expect(Roots?.map((r) => r.Id)).toEqual(['r-ab12']);
    const ous: string[] = [];
    for await (const page of paginateListChildren(
      { client },
      { ParentId: 'ou-ab12-prod0001', ChildType: 'ORGANIZATIONAL_UNIT' },
    )) {
      ous.push(...(page.Children ?? []).map((c) => c.Id!));
    }
    expect(ous).toEqual(['ou-ab12-team0001']);
    const team: Account[] = [];
    for await (const page of paginateListAccountsForParent({ client }, { ParentId: 'ou-ab12-team0001' }))
      team.push(...(page.Accounts ?? []));
    expect(team).toHaveLength(46);
    expect(team.every((a) => a.State === 'ACTIVE')).toBe(true);
    expect(server.countBy('action', { service: 'organizations' }).ListAccountsForParent).toBe(3);
    const all = await client.send(new ListAccountsCommand({ MaxResults: 20 }));
    expect(all.NextToken).toBeDefined();
    const { Organization } = await client.send(new DescribeOrganizationCommand({}));
    expect(Organization?.MasterAccountId).toBe(MANAGEMENT);
    await expect(
      client.send(new ListChildrenCommand({ ParentId: 'ou-ab12-nothere1', ChildType: 'ACCOUNT' })),
    ).rejects.toMatchObject({ name: 'ParentNotFoundException' });
  });

  it('answers AccessDeniedException to a member account (not to a delegated administrator) and AWSOrganizationsNotInUseException without an organization', async () => {
    await start();
    const { Credentials } = await new STSClient(clientConfig(server)).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/IamCertExpiryMonitorReader',
        RoleSessionName: 's',
      }),
    );
    const asMember = new OrganizationsClient({
      ...clientConfig(server),
      credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: 'x', sessionToken: 'y' },
    });
    await expect(asMember.send(new ListRootsCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await server.close();
    server = await startAwsServer({
      scenario: scenarioBuilder({ now }).account('222222222222').build(),
      organization: { ...organization(), delegatedAdministrators: ['222222222222'] },
    });
    await expect(new OrganizationsClient(clientConfig(server)).send(new ListRootsCommand({}))).resolves.toMatchObject({
      Roots: [{ Id: 'r-ab12' }],
    });
    await server.close();
    server = await startAwsServer({ scenario: scenarioBuilder({ now }).build() });
    await expect(new OrganizationsClient(clientConfig(server)).send(new ListRootsCommand({}))).rejects.toMatchObject({
      name: 'AWSOrganizationsNotInUseException',
    });
  });

  it('stores and returns S3 objects path-style; a missing key is NoSuchKey', async () => {
    await start();
    const s3 = new S3Client(clientConfig(server));
    await s3.send(new PutObjectCommand({ Bucket: 'run-data', Key: 'runs/r1/accounts.json', Body: '[{"a":1}]' }));
    expect(server.objects.get('run-data', 'runs/r1/accounts.json')).toBe('[{"a":1}]');
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: 'run-data', Key: 'runs/r1/accounts.json' }));
    expect(await Body!.transformToString()).toBe('[{"a":1}]');
    await expect(s3.send(new GetObjectCommand({ Bucket: 'run-data', Key: 'nope' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
  });

  it('scopes a fault rule to one account', async () => {
    await start();
    server.setFaults([{ kind: 'access-denied', service: 'iam', accountId: '222222222222' }]);
    const { Credentials } = await new STSClient(clientConfig(server)).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/IamCertExpiryMonitorReader',
        RoleSessionName: 's',
      }),
    );
    const asMember = new IAMClient({
      ...clientConfig(server),
      credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: 'x', sessionToken: 'y' },
    });
    await expect(asMember.send(new ListServerCertificatesCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      new IAMClient(clientConfig(server)).send(new ListServerCertificatesCommand({})),
    ).resolves.toBeDefined();
  });
});
