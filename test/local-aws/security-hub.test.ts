/** Security Hub CSPM on the loopback server (REST-JSON), through the unmodified SDK v3 client. */
import {
  BatchImportFindingsCommand,
  GetFindingsCommand,
  paginateGetFindings,
  SecurityHubClient,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import { clientConfig, defaultProductArn, scenarioBuilder, startAwsServer, type AwsServer } from '../../local-aws';
import { assumeRole, memberRoleArn, twoAccountOrganization } from './two-accounts';

const ACCOUNT = '123456789012';
const PRODUCT = defaultProductArn('us-east-1', ACCOUNT);

function finding(id: string, overrides: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: PRODUCT,
    GeneratorId: 'iam-cert-expiry-monitor',
    AwsAccountId: ACCOUNT,
    Types: ['Software and Configuration Checks/AWS Security Best Practices'],
    CreatedAt: '2026-11-30T06:00:00.000Z',
    UpdatedAt: '2026-11-30T06:00:00.000Z',
    Severity: { Label: 'HIGH' },
    Title: `IAM server certificate ${id} expires soon`,
    Description: 'Expires in 5 days.',
    Resources: [{ Type: 'Other', Id: `arn:aws:iam::${ACCOUNT}:server-certificate/${id}` }],
    ...overrides,
  };
}

describe('Security Hub on the loopback server', () => {
  let server: AwsServer;
  let hub: SecurityHubClient;

  beforeEach(async () => {
    server = await startAwsServer({ scenario: scenarioBuilder().securityHub(['us-east-1']).build() });
    hub = new SecurityHubClient(clientConfig(server));
  });
  afterEach(async () => {
    hub.destroy();
    await server.close();
  });

  const importFindings = (...findings: AwsSecurityFinding[]) =>
    hub.send(new BatchImportFindingsCommand({ Findings: findings }));

  test('BatchImportFindings stores findings per account and region; GetFindings returns them', async () => {
    const out = await importFindings(finding('web'), finding('api'));
    expect(out).toMatchObject({ SuccessCount: 2, FailedCount: 0, FailedFindings: [] });
    const stored = server.securityHubFindings(ACCOUNT, 'us-east-1');
    expect(stored.map((f) => f.Id)).toEqual(['web', 'api']);
    expect(stored[0]).toMatchObject({
      Region: 'us-east-1',
      RecordState: 'ACTIVE',
      Workflow: { Status: 'NEW' },
      ProductName: 'Default',
      CompanyName: 'Personal',
      FindingProviderFields: { Severity: { Label: 'HIGH' }, Types: finding('web').Types },
    });
    expect(server.securityHubFindings(ACCOUNT, 'eu-west-1')).toEqual([]);
    const got = await hub.send(new GetFindingsCommand({}));
    expect(got.Findings?.map((f) => f.Id)).toEqual(['web', 'api']);
  });

  test('a re-import with the same Id and ProductArn updates the finding in place', async () => {
    await importFindings(finding('web'), finding('api'));
    await importFindings(
      finding('web', {
        UpdatedAt: '2026-12-01T06:00:00.000Z',
        Description: 'Expires in 4 days.',
        RecordState: 'ARCHIVED',
      }),
    );
    const stored = server.securityHubFindings(ACCOUNT, 'us-east-1');
    expect(stored.map((f) => [f.Id, f.Description, f.RecordState])).toEqual([
      ['web', 'Expires in 4 days.', 'ARCHIVED'],
      ['api', 'Expires in 5 days.', 'ACTIVE'],
    ]);
  });

  test('an update whose UpdatedAt is not later than the stored one is ignored', async () => {
    await importFindings(finding('web', { UpdatedAt: '2026-12-01T06:00:00.000Z' }));
    const out = await importFindings(
      finding('web', { UpdatedAt: '2026-12-01T06:00:00.000Z', Description: 'same instant' }),
      finding('web', { UpdatedAt: '2026-11-01T06:00:00.000Z', Description: 'older' }),
    );
    expect(out.SuccessCount).toBe(2);
    expect(server.securityHubFindings(ACCOUNT, 'us-east-1')[0]!.Description).toBe('Expires in 5 days.');
  });

  test('a re-import keeps what belongs to BatchUpdateFindings: Workflow, Note, VerificationState, UserDefinedFields', async () => {
    const customer = {
      Workflow: { Status: 'NOTIFIED' as const },
      Note: { Text: 'ticket SEC-42', UpdatedBy: 'alice', UpdatedAt: '2026-11-30T07:00:00.000Z' },
      VerificationState: 'TRUE_POSITIVE' as const,
      UserDefinedFields: { ticket: 'SEC-42' },
    };
    await importFindings(finding('web', customer));
    await importFindings(
      finding('web', {
        UpdatedAt: '2026-12-01T06:00:00.000Z',
        Workflow: { Status: 'NEW' },
        Note: { Text: 'overwritten?', UpdatedBy: 'provider', UpdatedAt: '2026-12-01T06:00:00.000Z' },
        Title: 'renamed',
      }),
    );
    expect(server.securityHubFindings(ACCOUNT, 'us-east-1')[0]).toMatchObject({ ...customer, Title: 'renamed' });
  });

  test('FindingProviderFields is filled from the top level and, once given, drives the top-level Severity and Types', async () => {
    await importFindings(finding('web'));
    await importFindings(
      finding('web', {
        UpdatedAt: '2026-12-01T06:00:00.000Z',
        Severity: undefined,
        FindingProviderFields: { Severity: { Label: 'CRITICAL' }, Types: ['Effects/Data Exposure'] },
      }),
    );
    expect(server.securityHubFindings(ACCOUNT, 'us-east-1')[0]).toMatchObject({
      Severity: { Label: 'CRITICAL' },
      Types: ['Effects/Data Exposure'],
      FindingProviderFields: { Severity: { Label: 'CRITICAL' }, Types: ['Effects/Data Exposure'] },
    });
  });

  test('a finding for another account or product, or not in ASFF, fails alone in FailedFindings', async () => {
    const out = await importFindings(
      finding('ok'),
      finding('theirs', { AwsAccountId: '999999999999' }),
      finding('partner', { ProductArn: 'arn:aws:securityhub:us-east-1::product/prowler/prowler' }),
      finding('untitled', { Title: undefined }),
      finding('no-severity', { Severity: undefined }),
      finding('no-resources', { Resources: [] }),
      finding('huge', { Description: 'x'.repeat(241 * 1024) }),
    );
    expect(out.SuccessCount).toBe(1);
    expect(out.FailedCount).toBe(6);
    expect(out.FailedFindings?.map((f) => [f.Id, f.ErrorCode])).toEqual([
      ['theirs', 'AccessDeniedException'],
      ['partner', 'InvalidAccess'],
      ['untitled', 'InvalidInput'],
      ['no-severity', 'InvalidInput'],
      ['no-resources', 'InvalidInput'],
      ['huge', 'InvalidInput'],
    ]);
    expect(out.FailedFindings![2]!.ErrorMessage).toBe(
      "Finding does not adhere to Amazon Security Finding Format. data should have required property 'Title'.",
    );
    expect(server.securityHubFindings(ACCOUNT, 'us-east-1').map((f) => f.Id)).toEqual(['ok']);
  });

  test('at most 100 findings a call, at least one: InvalidInputException for the whole request', async () => {
    const many = Array.from({ length: 101 }, (_, i) => finding(`f${i}`));
    await expect(importFindings(...many)).rejects.toMatchObject({
      name: 'InvalidInputException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(importFindings()).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(importFindings(...many.slice(0, 100))).resolves.toMatchObject({ SuccessCount: 100 });
  });

  test('where Security Hub is not enabled: GetFindings answers InvalidAccessException, imports fail with InvalidAccess', async () => {
    const dublin = new SecurityHubClient(clientConfig(server, 'eu-west-1'));
    try {
      await expect(dublin.send(new GetFindingsCommand({}))).rejects.toMatchObject({
        name: 'InvalidAccessException',
        $metadata: { httpStatusCode: 401 },
      });
      const out = await dublin.send(
        new BatchImportFindingsCommand({
          Findings: [finding('web', { ProductArn: defaultProductArn('eu-west-1', ACCOUNT) })],
        }),
      );
      expect(out).toMatchObject({
        SuccessCount: 0,
        FailedCount: 1,
        FailedFindings: [{ Id: 'web', ErrorCode: 'InvalidAccess' }],
      });
    } finally {
      dublin.destroy();
    }
  });

  test('GetFindings filters on GeneratorId, RecordState and ProductArn, joined by AND', async () => {
    await importFindings(
      finding('a'),
      finding('b', { GeneratorId: 'other-tool' }),
      finding('c', { RecordState: 'ARCHIVED' }),
      finding('d', { GeneratorId: 'iam-cert-expiry-monitor/v2' }),
    );
    const ids = async (Filters: NonNullable<ConstructorParameters<typeof GetFindingsCommand>[0]>['Filters']) =>
      (await hub.send(new GetFindingsCommand({ Filters }))).Findings?.map((f) => f.Id);
    expect(
      await ids({
        GeneratorId: [{ Value: 'iam-cert-expiry-monitor', Comparison: 'EQUALS' }],
        RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
        ProductArn: [{ Value: PRODUCT, Comparison: 'EQUALS' }],
      }),
    ).toEqual(['a']);
    expect(await ids({ GeneratorId: [{ Value: 'iam-cert-expiry-monitor', Comparison: 'PREFIX' }] })).toEqual([
      'a',
      'c',
      'd',
    ]);
    expect(
      await ids({
        GeneratorId: [
          { Value: 'iam-cert', Comparison: 'PREFIX' },
          { Value: 'iam-cert-expiry-monitor/v2', Comparison: 'NOT_EQUALS' },
        ],
      }),
    ).toEqual(['a', 'c']);
    expect(
      await ids({
        GeneratorId: [
          { Value: 'other-tool', Comparison: 'EQUALS' },
          { Value: 'iam-cert-expiry-monitor/v2', Comparison: 'EQUALS' },
        ],
      }),
    ).toEqual(['b', 'd']);
    expect(await ids({ RecordState: [{ Value: 'ARCHIVED', Comparison: 'NOT_EQUALS' }] })).toEqual(['a', 'b', 'd']);
    expect(await ids({ ResourceId: [{ Value: 'server-certificate/c', Comparison: 'CONTAINS' }] })).toEqual(['c']);
  });

  test('GetFindings refuses filters AWS refuses and filters the server does not model', async () => {
    await expect(
      hub.send(
        new GetFindingsCommand({
          Filters: {
            Title: [
              { Value: 'a', Comparison: 'EQUALS' },
              { Value: 'b', Comparison: 'NOT_EQUALS' },
            ],
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(
      hub.send(new GetFindingsCommand({ Filters: { NetworkSourceIpV4: [{ Cidr: '10.0.0.0/8' }] } })),
    ).rejects.toMatchObject({ name: 'InvalidInputException', message: expect.stringContaining('NetworkSourceIpV4') });
  });

  test('GetFindings pages with MaxResults (1-100) and NextToken', async () => {
    await importFindings(...Array.from({ length: 7 }, (_, i) => finding(`f${i}`)));
    const first = await hub.send(new GetFindingsCommand({ MaxResults: 3 }));
    expect(first.Findings).toHaveLength(3);
    expect(first.NextToken).toEqual(expect.any(String));
    const ids: string[] = [];
    for await (const page of paginateGetFindings({ client: hub, pageSize: 3 }, {}))
      ids.push(...(page.Findings ?? []).map((f) => f.Id!));
    expect(ids).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
    await expect(hub.send(new GetFindingsCommand({ MaxResults: 101 }))).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
  });

  test('entry-failure faults fail single findings; the rest are imported', async () => {
    server.setFaults([{ kind: 'entry-failure', service: 'securityhub', count: 1 }]);
    const out = await importFindings(finding('a'), finding('b'));
    expect(out.FailedFindings).toEqual([
      { Id: 'a', ErrorCode: 'InternalException', ErrorMessage: 'Internal server error.' },
    ]);
    expect(server.securityHubFindings(ACCOUNT, 'us-east-1').map((f) => f.Id)).toEqual(['b']);
    expect(server.requests.at(-1)).toMatchObject({ status: 200 });
    expect(server.requests.at(-1)!.fault).toBeUndefined();
  });
});

describe('Security Hub with several accounts', () => {
  test('each account imports and reads only its own findings', async () => {
    const member = '222222222222';
    const organization = twoAccountOrganization(ACCOUNT, member);
    const server = await startAwsServer({ scenario: scenarioBuilder().build(), organization });
    const hub = new SecurityHubClient(clientConfig(server));
    try {
      const { credentials } = await assumeRole(server, memberRoleArn(member));
      const asMember = new SecurityHubClient({ ...clientConfig(server), credentials });
      const memberFinding = finding('m', { AwsAccountId: member, ProductArn: defaultProductArn('us-east-1', member) });
      expect(await asMember.send(new BatchImportFindingsCommand({ Findings: [memberFinding] }))).toMatchObject({
        SuccessCount: 1,
      });
      // The management account cannot import a member's finding into its own default product.
      const out = await hub.send(
        new BatchImportFindingsCommand({ Findings: [finding('m', { AwsAccountId: member })] }),
      );
      expect(out.FailedFindings?.[0]?.ErrorCode).toBe('AccessDeniedException');
      expect((await hub.send(new GetFindingsCommand({}))).Findings).toEqual([]);
      expect((await asMember.send(new GetFindingsCommand({}))).Findings?.map((f) => f.Id)).toEqual(['m']);
      expect(server.securityHubFindings(member, 'us-east-1').map((f) => f.AwsAccountId)).toEqual([member]);
      asMember.destroy();
    } finally {
      hub.destroy();
      await server.close();
    }
  });
});
