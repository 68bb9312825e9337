import {
  GetServerCertificateCommand,
  IAMClient,
  ListAccountAliasesCommand,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import {
  getAccountAlias,
  getServerCertificate,
  listServerCertificates,
  listServerCertificateTags,
} from '../../../lambda/aws/iam';

const iam = mockClient(IAMClient);
const client = new IAMClient({ region: 'us-east-1' });
const metadata = (n: number) => ({
  Path: '/',
  ServerCertificateName: `cert-${n}`,
  ServerCertificateId: `ASCA${n}`,
  Arn: `arn:aws:iam::123456789012:server-certificate/cert-${n}`,
  UploadDate: new Date('2025-01-01T00:00:00Z'),
  Expiration: new Date('2026-12-01T00:00:00Z'),
});

beforeEach(() => iam.reset());

describe('listServerCertificates', () => {
  it('walks every page with the marker and asks for the largest page', async () => {
    iam
      .on(ListServerCertificatesCommand, { Marker: undefined })
      .resolves({ ServerCertificateMetadataList: [metadata(1)], IsTruncated: true, Marker: 'm1' })
      .on(ListServerCertificatesCommand, { Marker: 'm1' })
      .resolves({ ServerCertificateMetadataList: [metadata(2)], IsTruncated: true, Marker: 'm2' })
      .on(ListServerCertificatesCommand, { Marker: 'm2' })
      .resolves({ ServerCertificateMetadataList: [metadata(3)], IsTruncated: false });

    const { certificates, stopped } = await listServerCertificates(client);

    expect(stopped).toBeUndefined();
    expect(certificates.map((c) => c.name)).toEqual(['cert-1', 'cert-2', 'cert-3']);
    expect(certificates[0]).toEqual({
      name: 'cert-1',
      id: 'ASCA1',
      arn: 'arn:aws:iam::123456789012:server-certificate/cert-1',
      path: '/',
      uploadDate: new Date('2025-01-01T00:00:00Z'),
      expiration: new Date('2026-12-01T00:00:00Z'),
    });
    const calls = iam.commandCalls(ListServerCertificatesCommand);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.args[0].input.MaxItems === 1000)).toBe(true);
  });

  it('stops when the service repeats a marker, keeps what it listed and says why', async () => {
    iam
      .on(ListServerCertificatesCommand)
      .resolves({ ServerCertificateMetadataList: [metadata(1)], IsTruncated: true, Marker: 'same' });
    const { certificates, stopped } = await listServerCertificates(client);
    expect(iam.commandCalls(ListServerCertificatesCommand)).toHaveLength(2);
    expect(certificates).toHaveLength(1);
    expect(stopped).toBe('ListServerCertificates listing stopped: the service repeated a marker');
  });

  it('stops after its page cap when the service returns a new marker forever', async () => {
    let n = 0;
    iam.on(ListServerCertificatesCommand).callsFake(() => ({
      ServerCertificateMetadataList: [metadata(++n)],
      IsTruncated: true,
      Marker: `m${n}`,
    }));
    const { certificates, stopped } = await listServerCertificates(client);
    expect(iam.commandCalls(ListServerCertificatesCommand)).toHaveLength(10);
    expect(certificates).toHaveLength(10);
    expect(stopped).toBe('ListServerCertificates listing stopped: the service returned more than 10 pages');
  });

  it('keeps a certificate whose Expiration is missing', async () => {
    const { Expiration: _omit, ...noExpiry } = metadata(1);
    iam.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [noExpiry] });
    const [certificate] = (await listServerCertificates(client)).certificates;
    expect(certificate.expiration).toBeUndefined();
    expect(certificate.name).toBe('cert-1');
  });

  it('handles an empty account', async () => {
    iam.on(ListServerCertificatesCommand).resolves({});
    expect(await listServerCertificates(client)).toEqual({ certificates: [] });
  });

  it('propagates a failure (the run must fail)', async () => {
    iam.on(ListServerCertificatesCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    await expect(listServerCertificates(client)).rejects.toThrow('denied');
  });
});

describe('listServerCertificateTags', () => {
  it('collects tags across pages', async () => {
    iam
      .on(ListServerCertificateTagsCommand, { ServerCertificateName: 'web', Marker: undefined })
      .resolves({ Tags: [{ Key: 'a', Value: '1' }], IsTruncated: true, Marker: 'p2' })
      .on(ListServerCertificateTagsCommand, { ServerCertificateName: 'web', Marker: 'p2' })
      .resolves({ Tags: [{ Key: 'b', Value: '2' }] });
    expect(await listServerCertificateTags(client, 'web')).toEqual({ a: '1', b: '2' });
  });
});

describe('getAccountAlias', () => {
  it('returns the alias, or undefined when the account has none', async () => {
    iam
      .on(ListAccountAliasesCommand)
      .resolvesOnce({ AccountAliases: ['acme-prod'] })
      .resolvesOnce({ AccountAliases: [] });
    expect(await getAccountAlias(client)).toBe('acme-prod');
    expect(await getAccountAlias(client)).toBeUndefined();
  });
});

describe('getServerCertificate', () => {
  it('returns the body and chain of the named certificate', async () => {
    iam.on(GetServerCertificateCommand, { ServerCertificateName: 'web' }).resolves({
      ServerCertificate: {
        ServerCertificateMetadata: metadata(1) as never,
        CertificateBody: 'BODY',
        CertificateChain: 'CHAIN',
      },
    });
    expect(await getServerCertificate(client, 'web')).toEqual({ body: 'BODY', chain: 'CHAIN' });
  });

  it('has no chain when IAM holds none', async () => {
    iam
      .on(GetServerCertificateCommand)
      .resolves({ ServerCertificate: { ServerCertificateMetadata: metadata(1) as never, CertificateBody: 'BODY' } });
    expect(await getServerCertificate(client, 'web')).toEqual({ body: 'BODY' });
  });

  it('passes errors on (the caller names them in the alert)', async () => {
    iam
      .on(GetServerCertificateCommand)
      .rejects(Object.assign(new Error('no such certificate'), { name: 'NoSuchEntity' }));
    await expect(getServerCertificate(client, 'gone')).rejects.toThrow('no such certificate');
  });
});
