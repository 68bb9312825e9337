/**
 * The OCSF format: every finding a valid OCSF 1.6.0 Detection Finding by the class definition (test/fixtures/ocsf),
 * the same finding as the Security Hub CSPM one, and a validator that does catch a broken event.
 */
import { asffFinding } from '../../../lambda/render/asff-finding';
import { ocsfFinding, ocsfFindings, OCSF_VERSION, renderOcsf } from '../../../lambda/render/ocsf-finding';
import { realisticReport } from '../../fixtures/reports/realistic';
import { renewalStatesReport } from '../../fixtures/reports/renewal-states';
import { ocsfProblems, OCSF_CLASS } from './ocsf-class';
import { classicUsage, distributionUsage, finding, NOW, report, usage } from './support';

describe('OCSF Detection Finding', () => {
  it('names the OCSF version Security Hub reads, and the fixture is of that version', () => {
    expect(OCSF_VERSION).toBe('1.6.0');
    expect(OCSF_CLASS.version).toBe(OCSF_VERSION);
  });

  it('is valid for every finding of the realistic and renewal-state reports', () => {
    const events = ocsfFindings([realisticReport, renewalStatesReport]);
    expect(events).toHaveLength(realisticReport.findings.length + renewalStatesReport.findings.length);
    for (const event of events) expect(ocsfProblems(event)).toEqual([]);
  });

  it('is the same finding Security Hub CSPM gets: uid, title, severity tier, account', () => {
    const f = finding('shop', 'critical', 3);
    const r = report([f]);
    const event = ocsfFinding(f, r);
    const asff = asffFinding(f, r, { region: 'us-east-1', partition: 'aws', now: NOW, createdAt: new Map() });
    expect(event.finding_info.uid).toBe(asff.Id);
    expect(event.finding_info.title).toBe(asff.Title);
    expect(asff.FindingProviderFields?.Severity?.Label).toBe('HIGH');
    expect(event).toMatchObject({ severity_id: 4, severity: 'High', time: NOW.getTime() });
    expect(event.cloud.account).toEqual({ uid: '123456789012', name: 'acme-prod', type_id: 10, type: 'AWS Account' });
  });

  it('maps each expiry tier to an OCSF severity, an unused certificate by its expiry', () => {
    const severity = (f: ReturnType<typeof finding>) => ocsfFinding(f, report([f])).severity_id;
    expect(severity(finding('a', 'expired', -1))).toBe(5);
    expect(severity(finding('b', 'critical', 3))).toBe(4);
    expect(severity(finding('c', 'warning', 20))).toBe(3);
    expect(severity(finding('d', 'unknown', undefined))).toBe(2);
    expect(severity(finding('e', 'unused', 3, [], { expirySeverity: 'critical' }))).toBe(4);
  });

  it('has the certificate as the target and each place that serves it as an affected resource', () => {
    const f = finding('shop', 'critical', 3, [
      usage({
        name: 'shop-alb',
        listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x/1/2',
      }),
      classicUsage({ name: 'legacy', port: 8443 }),
      distributionUsage({ id: 'E1ABC' }),
    ]);
    const { resources } = ocsfFinding(f, report([f]));
    expect(resources.map((r) => [r.role_id, r.type, r.name])).toEqual([
      [1, 'AWS::IAM::ServerCertificate', 'shop'],
      [3, 'AWS::ElasticLoadBalancingV2::Listener', 'shop-alb:443'],
      [3, 'AWS::ElasticLoadBalancing::LoadBalancer', 'legacy:8443'],
      [3, 'AWS::CloudFront::Distribution', 'E1ABC'],
    ]);
    expect(resources[1]!.uid).toBe('arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x/1/2');
    expect(resources[0]!.data).toMatchObject({ usageCount: 3, usagesComplete: true, daysLeft: 3 });
  });

  it('keeps names raw for machines and prose inert for people', () => {
    const evil = 'x\u202eevil\n';
    const f = finding(evil, 'critical', 3, [usage({ name: evil })]);
    const event = ocsfFinding(f, report([f]));
    expect(event.resources[0]!.name).toBe(evil);
    expect(JSON.stringify([event.message, event.finding_info.title, event.finding_info.desc])).not.toMatch(
      /\\n|\u202e/,
    );
  });

  it('is a JSON array, empty on a quiet day', () => {
    expect(JSON.parse(renderOcsf([report([])]))).toEqual([]);
    expect(JSON.parse(renderOcsf([realisticReport]))).toHaveLength(realisticReport.findings.length);
  });
});

describe('the OCSF class validator', () => {
  const valid = () => JSON.parse(JSON.stringify(ocsfFinding(finding('shop'), report([finding('shop')]))));

  it('catches a missing required attribute, an unknown one, a wrong type, a bad enum and a wrong type_uid', () => {
    const broken = valid();
    delete broken.finding_info.uid;
    broken.cert_name = 'shop';
    broken.time = '2026-03-14T06:00:00Z';
    broken.severity_id = 7;
    broken.type_uid = 200402;
    broken.resources[0].role_id = 5;
    delete broken.cloud.account.uid;
    delete broken.cloud.account.name;
    expect(ocsfProblems(broken).sort()).toEqual(
      [
        'finding_info.uid: required, missing',
        'cert_name: not an attribute of this class or object',
        'time: not an integer (timestamp_t)',
        'severity_id: 7 not in its enum',
        'type_uid: not class_uid * 100 + activity_id',
        'resources[0].role_id: 5 not in its enum',
        'cloud.account: needs one of name, uid',
      ].sort(),
    );
  });

  it('catches another version and a missing cloud profile', () => {
    const event = valid();
    event.metadata.version = '1.1.0';
    event.metadata.profiles = [];
    expect(ocsfProblems(event)).toEqual([
      'metadata.version: not 1.6.0',
      'metadata.profiles: the cloud profile is not named',
    ]);
  });
});
