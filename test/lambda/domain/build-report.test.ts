import { buildReport } from '../../../lambda/domain/build-report';
import type { ServerCertificate } from '../../../lambda/domain/types';

const web: ServerCertificate = {
  name: 'web',
  id: 'ASCAWEB',
  arn: 'arn:aws:iam::123456789012:server-certificate/web',
  path: '/',
};
const idle: ServerCertificate = {
  name: 'idle',
  id: 'ASCAIDLE',
  arn: 'arn:aws:iam::123456789012:server-certificate/idle',
  path: '/',
};

describe('buildReport', () => {
  const report = buildReport({
    accountId: '123456789012',
    accountAlias: 'acme-prod',
    generatedAt: new Date('2026-11-26T08:00:00Z'),
    thresholds: { thresholdDays: 7, warningDays: 0 },
    certificatesScanned: 20,
    evaluation: {
      flagged: [
        { certificate: web, severity: 'expired', daysLeft: -1, thresholdDays: 7 },
        { certificate: idle, severity: 'critical', daysLeft: 2, thresholdDays: 7 },
      ],
      snoozed: [],
      configurationProblems: [],
    },
    observedUses: [
      {
        certificateRef: web.arn,
        loadBalancerType: 'classic',
        region: 'us-east-1',
        loadBalancerName: 'legacy',
        protocol: 'HTTPS',
        port: 443,
        role: 'default',
      },
    ],
    regionsScanned: ['us-east-1', 'eu-west-1', 'eu-north-1'],
    gaps: [
      { region: 'eu-north-1', service: 'elbv2', reason: 'AccessDenied' },
      { region: 'eu-north-1', service: 'elb', reason: 'AccessDenied' },
    ],
  });

  it('attaches usages to findings and leaves unused certificates with none', () => {
    expect(report.findings.map((f) => [f.certificate.name, f.usages.map((u) => u.loadBalancerName)])).toEqual([
      ['web', ['legacy']],
      ['idle', []],
    ]);
  });

  it('counts a region with any gap as not scanned, and orders gaps', () => {
    expect(report.coverage.regionsScanned).toEqual(['us-east-1', 'eu-west-1']);
    expect(report.coverage.gaps.map((g) => `${g.region}/${g.service}`)).toEqual(['eu-north-1/elb', 'eu-north-1/elbv2']);
  });
});
