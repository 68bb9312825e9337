/**
 * The ASFF format: the findings the Security Hub sink imports, as import requests within the sink's limits, one
 * account and at most 100 findings per line.
 */
import { findingImports } from '../../../lambda/render/asff-finding';
import { asffImportRequests, renderAsffImports } from '../../../lambda/render/asff-import-file';
import { realisticReport } from '../../fixtures/reports/realistic';
import { asffRequestProblems } from './asff-limits';
import { distributionUsage, finding, largeReport, report } from './support';

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('renderAsffImports', () => {
  it('holds exactly the findings the Security Hub sink imports', () => {
    const [request, ...more] = asffImportRequests([realisticReport], 'eu-west-1');
    expect(more).toHaveLength(0);
    const ctx = { region: 'eu-west-1', partition: 'aws', now: realisticReport.generatedAt };
    expect(request!.Findings).toEqual(findingImports(realisticReport, [], ctx).active);
    expect(asffRequestProblems(request!)).toEqual([]);
  });

  it('is one line a single --cli-input-json reads whole, for one account of up to 100 findings', () => {
    const text = renderAsffImports([realisticReport], 'us-east-1');
    expect(lines(text)).toHaveLength(1);
    expect(JSON.parse(text).Findings).toHaveLength(realisticReport.findings.length);
  });

  it('splits 250 findings into calls of at most 100, in order, each within the limits', () => {
    const big = largeReport(250, 2);
    const requests = lines(renderAsffImports([big], 'us-east-1')).map((l) => JSON.parse(l));
    expect(requests.map((r) => r.Findings.length)).toEqual([100, 100, 50]);
    expect(requests.flatMap((r) => r.Findings.map((f: { Id: string }) => f.Id))).toEqual(
      asffImportRequests([big], 'us-east-1').flatMap((r) => r.Findings.map((f) => f.Id)),
    );
    for (const request of requests) expect(asffRequestProblems(request)).toEqual([]);
  });

  it('keeps the limits for the largest finding an account could make', () => {
    const places = Array.from({ length: 600 }, (_, i) => distributionUsage({ id: `E${i}${'x'.repeat(300)}` }));
    const huge = finding(`evil\u202e\n${'x'.repeat(2000)}`, 'expired', -4, places, {
      hostnames: Array.from({ length: 400 }, (_, i) => `${i}.${'h'.repeat(240)}.example`),
    });
    const [request] = asffImportRequests([report([huge])], 'us-east-1');
    expect(asffRequestProblems(request!)).toEqual([]);
  });

  it('never mixes accounts in one request, and is empty on a quiet day', () => {
    const other = report([finding('api')], { accountId: '222222222222' });
    const requests = asffImportRequests([report([finding('web')]), other, report([])], 'us-east-1');
    expect(requests.map((r) => r.Findings.map((f) => f.AwsAccountId))).toEqual([['123456789012'], ['222222222222']]);
    expect(renderAsffImports([report([])], 'us-east-1')).toBe('');
  });

  it('names the region and partition it is for in each ProductArn', () => {
    const [request] = asffImportRequests([report([finding('web')])], 'cn-north-1');
    expect(request!.Findings[0]!.ProductArn).toBe(
      'arn:aws-cn:securityhub:cn-north-1:123456789012:product/123456789012/default',
    );
  });
});

describe('asffRequestProblems', () => {
  it('catches a request Security Hub would refuse', () => {
    const [request] = asffImportRequests([report([finding('web')])], 'us-east-1');
    const f = request!.Findings[0]!;
    const bad = {
      Findings: [
        { ...f, Title: 'x'.repeat(300), Resources: [] },
        { ...f, AwsAccountId: '222222222222' },
      ],
    };
    expect(asffRequestProblems(bad)).toEqual([
      'findings of several accounts',
      `${f.Id}: Finding does not adhere to Amazon Security Finding Format. data.Resources should be a non-empty list of objects with Type and Id.`,
      `${f.Id}: Title too long`,
    ]);
    expect(asffRequestProblems({ Findings: [] })).toEqual(['0 findings']);
  });
});
