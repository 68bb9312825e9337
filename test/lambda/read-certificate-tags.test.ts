import { IAMClient, ListServerCertificateTagsCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lambda/aws/clients';
import type { ServerCertificate } from '../../lambda/domain/types';
import { readCertificateTags } from '../../lambda/read-certificate-tags';

const iam = mockClient(IAMClient);
const cert = (name: string): ServerCertificate => ({
  name,
  id: `ASCA${name.toUpperCase()}`,
  arn: `arn:aws:iam::123456789012:server-certificate/${name}`,
  path: '/',
  expiration: new Date('2026-12-10T00:00:00Z'),
});

beforeEach(() => iam.reset());

describe('readCertificateTags', () => {
  it("reads each certificate's tags; a failed read is a gap saying what its absence means, the others still read", async () => {
    iam.on(ListServerCertificateTagsCommand, { ServerCertificateName: 'web' }).resolves({
      Tags: [{ Key: 'cert-expiry-monitor:owner', Value: 'web-team' }],
    });
    iam
      .on(ListServerCertificateTagsCommand, { ServerCertificateName: 'api' })
      .rejects(Object.assign(new Error('not allowed'), { name: 'AccessDenied' }));
    const clients = new AwsClients({
      maxAttempts: 1,
      connectionTimeoutMs: 100,
      requestTimeoutMs: 100,
      homeRegion: 'us-east-1',
    });
    const { value: tags, gaps } = await readCertificateTags(clients, [cert('web'), cert('api')], {
      concurrency: 2,
      withoutTags: 'its defaults applied',
    });
    expect([...tags]).toEqual([[cert('web').arn, { 'cert-expiry-monitor:owner': 'web-team' }]]);
    expect(gaps).toEqual([
      {
        region: 'global',
        service: 'iam',
        reason: expect.stringMatching(
          /^could not read the tags of api, so its defaults applied: AccessDenied: not allowed/,
        ),
      },
    ]);
  });
});
