import {
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { GetObjectCommand, PutObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { listAccountsUnder, listRootIds } from '../../../lambda/aws/organizations';
import { getJson, putJson } from '../../../lambda/aws/run-data';
import { assumeRole, callerIdentity, memberRoleArn } from '../../../lambda/aws/sts';

const organizations = mockClient(OrganizationsClient);
const sts = mockClient(STSClient);
const s3 = mockClient(S3Client);
beforeEach(() => {
  organizations.reset();
  sts.reset();
  s3.reset();
});

describe('Organizations adapter', () => {
  it('walks OUs recursively through every page, lists each account once, prefers State over the deprecated Status', async () => {
    organizations
      .on(ListAccountsForParentCommand, { ParentId: 'r-ab12', NextToken: undefined })
      .resolves({
        Accounts: [{ Id: '111111111111', Name: 'mgmt', State: 'ACTIVE', Status: 'ACTIVE' }],
        NextToken: 't1',
      })
      .on(ListAccountsForParentCommand, { ParentId: 'r-ab12', NextToken: 't1' })
      .resolves({ Accounts: [{ Id: '222222222222', Name: 'old', Status: 'SUSPENDED' }] })
      .on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-11111111' })
      .resolves({ Accounts: [{ Id: '333333333333', Name: 'closing', State: 'PENDING_CLOSURE', Status: 'ACTIVE' }] })
      .on(ListChildrenCommand, { ParentId: 'r-ab12', ChildType: 'ORGANIZATIONAL_UNIT' })
      .resolves({ Children: [{ Id: 'ou-ab12-11111111', Type: 'ORGANIZATIONAL_UNIT' }] })
      .on(ListChildrenCommand, { ParentId: 'ou-ab12-11111111', ChildType: 'ORGANIZATIONAL_UNIT' })
      .resolves({ Children: [] });
    const client = new OrganizationsClient({ region: 'us-east-1' });
    // The OU is given and also reached from the root: walked once.
    expect(await listAccountsUnder(client, ['r-ab12', 'ou-ab12-11111111'])).toEqual([
      { id: '111111111111', name: 'mgmt', state: 'ACTIVE' },
      { id: '222222222222', name: 'old', state: 'SUSPENDED' },
      { id: '333333333333', name: 'closing', state: 'PENDING_CLOSURE' },
    ]);
    expect(organizations.commandCalls(ListAccountsForParentCommand)).toHaveLength(3);
  });

  it('reads a level of OUs a few parents at once, never more than asked, and lists every account of the tree', async () => {
    const ous = Array.from({ length: 6 }, (_, i) => `ou-ab12-1111111${i}`);
    let inFlight = 0;
    let most = 0;
    const answer = async <T>(value: T): Promise<T> => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return value;
    };
    organizations
      .on(ListChildrenCommand)
      .callsFake((input: { ParentId: string }) =>
        answer({ Children: input.ParentId === 'r-ab12' ? ous.map((Id) => ({ Id })) : [] }),
      )
      .on(ListAccountsForParentCommand)
      .callsFake((input: { ParentId: string }) =>
        answer({
          Accounts:
            input.ParentId === 'r-ab12' ? [] : [{ Id: `2${input.ParentId.slice(-11)}`, Name: 'a', State: 'ACTIVE' }],
        }),
      );
    const listed = await listAccountsUnder(new OrganizationsClient({ region: 'us-east-1' }), ['r-ab12'], 4);
    expect(listed).toHaveLength(6);
    expect(most).toBe(4);
    // Each parent once: the root and its 6 OUs.
    expect(organizations.commandCalls(ListAccountsForParentCommand)).toHaveLength(7);
  });

  it('lists the root ids', async () => {
    organizations.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-ab12' }] });
    expect(await listRootIds(new OrganizationsClient({ region: 'us-east-1' }))).toEqual(['r-ab12']);
  });
});

describe('STS adapter', () => {
  it('assumes the member role in the caller’s partition for 15 minutes and returns its credentials', async () => {
    const expiration = new Date('2026-11-30T10:00:00Z');
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: expiration },
    });
    const arn = memberRoleArn('aws-us-gov', '222222222222', 'Reader');
    expect(arn).toBe('arn:aws-us-gov:iam::222222222222:role/Reader');
    expect(await assumeRole(new STSClient({ region: 'us-east-1' }), arn, 'session')).toEqual({
      accessKeyId: 'ASIA1',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration,
    });
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toEqual({
      RoleArn: arn,
      RoleSessionName: 'session',
      DurationSeconds: 900,
    });
  });

  it('fails when no credentials come back, and passes AWS errors through', async () => {
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    const client = new STSClient({ region: 'us-east-1' });
    await expect(assumeRole(client, 'arn:aws:iam::1:role/r', 's')).rejects.toThrow('returned no credentials');
    await expect(assumeRole(client, 'arn:aws:iam::1:role/r', 's')).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('reads the caller’s account and partition', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '111111111111', Arn: 'arn:aws-cn:sts::111111111111:assumed-role/Admin/me' });
    expect(await callerIdentity(new STSClient({ region: 'cn-north-1' }))).toEqual({
      accountId: '111111111111',
      partition: 'aws-cn',
    });
  });
});

describe('S3 run-data adapter', () => {
  it('puts and gets JSON', async () => {
    // The body as the SDK hands it over: a stream with transformToString.
    const body = { transformToString: async () => '{"a":[1]}' } as unknown as NonNullable<
      GetObjectCommandOutput['Body']
    >;
    s3.on(GetObjectCommand, { Bucket: 'b', Key: 'k' }).resolves({ Body: body });
    const client = new S3Client({ region: 'us-east-1' });
    await putJson(client, 'b', 'k', { a: [1] });
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'b',
      Key: 'k',
      Body: '{"a":[1]}',
      ContentType: 'application/json',
    });
    expect(await getJson(client, 'b', 'k')).toEqual({ a: [1] });
  });
});
