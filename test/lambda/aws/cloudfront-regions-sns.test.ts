import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { scanCloudFrontDistributions } from '../../../lambda/aws/cloudfront';
import { listRegions } from '../../../lambda/aws/regions';
import { publishAlert } from '../../../lambda/aws/sns';
import type { ObservedCertificateUse } from '../../../lambda/domain/types';

describe('scanCloudFrontDistributions', () => {
  const cloudfront = mockClient(CloudFrontClient);
  afterAll(() => cloudfront.restore());

  it('emits distributions that use an IAM certificate, across pages', async () => {
    cloudfront
      .on(ListDistributionsCommand, { Marker: undefined })
      .resolves({
        DistributionList: {
          Marker: '',
          MaxItems: 1,
          IsTruncated: true,
          NextMarker: 'E2',
          Quantity: 1,
          Items: [
            {
              Id: 'E1',
              ARN: 'arn:aws:cloudfront::123456789012:distribution/E1',
              DomainName: 'd1.cloudfront.net',
              Aliases: { Quantity: 1, Items: ['www.example.com'] },
              ViewerCertificate: { IAMCertificateId: 'ASCACDN', SSLSupportMethod: 'sni-only' },
            } as never,
          ],
        },
      })
      .on(ListDistributionsCommand, { Marker: 'E2' })
      .resolves({
        DistributionList: {
          Marker: 'E2',
          MaxItems: 1,
          IsTruncated: false,
          Quantity: 1,
          Items: [
            {
              Id: 'E2',
              DomainName: 'd2.cloudfront.net',
              ViewerCertificate: { CloudFrontDefaultCertificate: true },
            } as never,
          ],
        },
      });
    const uses: ObservedCertificateUse[] = [];
    await scanCloudFrontDistributions(new CloudFrontClient({ region: 'us-east-1' }), (u) => uses.push(u));
    expect(uses).toEqual([
      {
        certificateRef: 'ASCACDN',
        kind: 'distribution',
        id: 'E1',
        arn: 'arn:aws:cloudfront::123456789012:distribution/E1',
        domainName: 'd1.cloudfront.net',
        aliases: ['www.example.com'],
      },
    ]);
    expect(cloudfront.commandCalls(ListDistributionsCommand)).toHaveLength(2);
  });
});

describe('listRegions', () => {
  const ec2 = mockClient(EC2Client);
  afterAll(() => ec2.restore());

  it('lists every region of the partition, enabled apart from those not opted in to, each sorted', async () => {
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'me-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'af-south-1', OptInStatus: 'opted-in' },
        { RegionName: 'ap-east-1', OptInStatus: 'not-opted-in' },
        { OptInStatus: 'opted-in' },
      ],
    });
    expect(await listRegions(new EC2Client({ region: 'us-east-1' }))).toEqual({
      enabled: ['af-south-1', 'us-east-1'],
      notEnabled: ['ap-east-1', 'me-south-1'],
    });
    expect(ec2.commandCalls(DescribeRegionsCommand)[0].args[0].input).toEqual({ AllRegions: true });
  });
});

describe('publishAlert', () => {
  const sns = mockClient(SNSClient);
  afterAll(() => sns.restore());

  it('publishes a JSON-structured message with string attributes', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const id = await publishAlert(new SNSClient({ region: 'us-east-1' }), 'arn:aws:sns:us-east-1:123456789012:alerts', {
      subject: 'subject',
      message: '{"default":"text"}',
      messageAttributes: { severity: 'expired', account: '123456789012' },
    });
    expect(id).toBe('m-1');
    expect(sns.commandCalls(PublishCommand)[0].args[0].input).toEqual({
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
      Subject: 'subject',
      Message: '{"default":"text"}',
      MessageStructure: 'json',
      MessageAttributes: {
        severity: { DataType: 'String', StringValue: 'expired' },
        account: { DataType: 'String', StringValue: '123456789012' },
      },
    });
  });
});
