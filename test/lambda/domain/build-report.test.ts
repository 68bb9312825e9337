import { buildReport } from '../../../lambda/domain/build-report';
import type { CoverageGap, Finding, ServerCertificate } from '../../../lambda/domain/types';
import { usageName } from '../../../lambda/domain/usage-place';

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
        kind: 'listener',
        type: 'classic',
        region: 'us-east-1',
        name: 'legacy',
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
    expect(report.findings.map((f) => [f.certificate.name, f.usages.map(usageName)])).toEqual([
      ['web', ['legacy']],
      ['idle', []],
    ]);
  });

  it('counts a region with any gap as not scanned, and orders gaps', () => {
    expect(report.coverage.regionsScanned).toEqual(['us-east-1', 'eu-west-1']);
    expect(report.coverage.gaps.map((g) => `${g.region}/${g.service}`)).toEqual(['eu-north-1/elb', 'eu-north-1/elbv2']);
  });
});

describe('buildReport: unused only with full coverage', () => {
  const input = (over: { regionsScanned: string[]; enabledRegions?: string[]; gaps?: CoverageGap[] }) =>
    buildReport({
      accountId: '123456789012',
      generatedAt: new Date('2026-11-26T08:00:00Z'),
      thresholds: { thresholdDays: 7, warningDays: 0 },
      certificatesScanned: 2,
      evaluation: {
        flagged: [
          { certificate: idle, severity: 'expired', daysLeft: -3, thresholdDays: 7 },
          { certificate: web, severity: 'critical', daysLeft: 2, thresholdDays: 7 },
        ],
        snoozed: [],
        configurationProblems: [],
      },
      observedUses: [
        {
          certificateRef: web.arn,
          kind: 'listener',
          type: 'application',
          region: 'us-east-1',
          name: 'shop',
          protocol: 'HTTPS',
          port: 443,
          role: 'default',
        },
      ],
      gaps: [],
      ...over,
    });

  it('calls a certificate found nowhere unused when every enabled region was read, and sorts it last', () => {
    const report = input({ regionsScanned: ['eu-west-1', 'us-east-1'], enabledRegions: ['eu-west-1', 'us-east-1'] });
    expect(report.coverage).toMatchObject({ complete: true, regionsNotChecked: [] });
    const tier = (f: Finding) => (f.severity === 'unused' ? f.expirySeverity : undefined);
    expect(report.findings.map((f) => [f.certificate.name, f.severity, tier(f)])).toEqual([
      ['web', 'critical', undefined],
      ['idle', 'unused', 'expired'],
    ]);
  });

  it('keeps the expiry severity when a region was excluded by configuration, and names the region', () => {
    const report = input({ regionsScanned: ['us-east-1'], enabledRegions: ['eu-west-1', 'us-east-1'] });
    expect(report.coverage.complete).toBe(false);
    expect(report.coverage.regionsNotChecked).toEqual([
      { region: 'eu-west-1', reason: 'excluded', detail: 'not in the configured regions' },
    ]);
    expect(report.findings.map((f) => [f.certificate.name, f.severity])).toEqual([
      ['idle', 'expired'],
      ['web', 'critical'],
    ]);
  });

  it('tells a denied region from a failed one, and counts a CloudFront or region-list gap as incomplete', () => {
    const report = input({
      regionsScanned: ['ap-south-1', 'eu-west-1', 'us-east-1'],
      enabledRegions: ['ap-south-1', 'eu-west-1', 'us-east-1'],
      gaps: [
        { region: 'eu-west-1', service: 'elbv2', reason: 'AccessDenied: no (check the function role)' },
        { region: 'ap-south-1', service: 'elb', reason: 'AccessDenied: no' },
        { region: 'ap-south-1', service: 'elbv2', reason: 'timed out: the run reached its deadline' },
      ],
    });
    expect(report.coverage.regionsNotChecked.map((r) => [r.region, r.reason])).toEqual([
      ['ap-south-1', 'failed'],
      ['eu-west-1', 'denied'],
    ]);
    expect(report.coverage.regionsScanned).toEqual(['us-east-1']);
    const cloudFront = input({
      regionsScanned: ['us-east-1'],
      enabledRegions: ['us-east-1'],
      gaps: [{ region: 'global', service: 'cloudfront', reason: 'Throttling' }],
    });
    expect(cloudFront.coverage).toMatchObject({ complete: false, regionsNotChecked: [] });
    expect(cloudFront.findings.map((f) => f.severity)).toEqual(['expired', 'critical']);
    const noRegionList = input({
      regionsScanned: ['us-east-1'],
      gaps: [{ region: 'all', service: 'ec2', reason: 'could not list the enabled regions' }],
    });
    expect(noRegionList.coverage.complete).toBe(false);
  });

  it('is not made incomplete by a tag read, which says nothing about usage', () => {
    const report = input({
      regionsScanned: ['us-east-1'],
      enabledRegions: ['us-east-1'],
      gaps: [{ region: 'global', service: 'iam', reason: 'could not read the tags of idle' }],
    });
    expect(report.coverage.complete).toBe(true);
    expect(report.findings.map((f) => f.severity)).toEqual(['critical', 'unused']);
  });
});
