import { demo } from '../../bin/demo';
import { demoOrganization } from '../../bin/demo-organization';

describe('npm run demo', () => {
  it('runs the real handler on the sample estate and prints every variant subscribers receive', async () => {
    const lines: string[] = [];
    await demo((text) => lines.push(text), { full: true });
    const out = lines.join('\n');
    expect(out).toMatch(
      /Subject: {4}\[EXPIRED\] \d+ IAM certificates need renewal \(\d+ renewals ready\) - acme-prod \(123456789012\)/,
    );
    expect(out).toContain('email / default: plain text');
    expect(out).toContain('"textType": "client-markdown"');
    expect(out).toContain('"schemaVersion": "1.3"');
    // The sample estate shows every renewal state.
    expect(out).toMatch(/Renewal partly rolled out: 1 of 2 places already serve api-acme-com-2027/);
    expect(out).toMatch(
      /Renewal ready: mqtt-acme-io-2027 \(expires \S+\) is uploaded but\s+serves\s+none\s+of\s+its\s+places/,
    );
    expect(out).toMatch(/Replaced by wildcard-partners-acme/);
    expect(out).toMatch(/No renewal in IAM/);
    expect(out).toMatch(/WARNING: Its chain expires first: Loopback Test Intermediate CA/);
    expect(out).toMatch(/aws elb set-load-balancer-listener-ssl-certificate --region \S+ --load-balancer-name/);
    expect(out).toMatch(
      /\d+ certificates scanned, \d+ flagged, \d+ regions scanned, complete, 1 message\(s\) published/,
    );
    expect(out).toMatch(/\d+ AWS API calls: ListServerCertificates 1,/);
  });
});

describe('npm run demo -- --organization', () => {
  it('runs the sample organization through the list, scan and aggregate handlers and prints the digest and one account message', async () => {
    const lines: string[] = [];
    await demoOrganization((text) => lines.push(text));
    const out = lines.join('\n');
    // Every account the header counts is shown, the suspended one too, with its status.
    expect(out).toMatch(/organization o-\w+ with 6 accounts/);
    expect(out).toContain('444444444444 acme-sandbox       not-checked: role not found or not assumable');
    expect(out).toContain('666666666666 acme-old           suspended: state SUSPENDED');
    expect(out.split('\n').filter((l) => /^ {2}\d{12} /.test(l))).toHaveLength(6);
    expect(out).toMatch(/EVERY ACCOUNT LOOKED AT \(6\)/);
    expect(out).toMatch(/Organization digest \(scope=organization severity=expired\)/);
    expect(out).toMatch(/Subject: \[EXPIRED\] 3 IAM certificates need renewal in 2 of 6 AWS accounts/);
    expect(out).toMatch(
      /ACCOUNTS WITH FINDINGS \(2\)[\s\S]*222222222222 \(acme-prod-web\)[\s\S]*333333333333 \(acme-prod-api\)/,
    );
    // Every message printed, not just the first; the digest's footer once.
    expect(out).toContain('Per-account message 1 of 2 (severity=expired account=222222222222 scope=account)');
    expect(out).toContain('Per-account message 2 of 2 (severity=warning account=333333333333 scope=account)');
    expect(out).toMatch(
      /6 accounts listed, 4 checked, 1 not checked, 1 suspended or excluded, 2 with findings; 3 message\(s\) published/,
    );
    expect(out).toMatch(/sts:AssumeRole 4, /);
  });
});
