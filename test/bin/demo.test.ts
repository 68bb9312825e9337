import { demo } from '../../bin/demo';

describe('npm run demo', () => {
  it('runs the real handler on the sample estate and prints every variant subscribers receive', async () => {
    const lines: string[] = [];
    await demo((text) => lines.push(text));
    const out = lines.join('\n');
    expect(out).toMatch(/Subject: {4}\[EXPIRED\] \d+ IAM certificates need renewal - acme-prod \(123456789012\)/);
    expect(out).toContain('email / default: plain text');
    expect(out).toContain('"textType": "client-markdown"');
    expect(out).toContain('"schemaVersion": "1.0"');
    expect(out).toMatch(/aws elb set-load-balancer-listener-ssl-certificate --region \S+ --load-balancer-name/);
    expect(out).toMatch(/\d+ certificates scanned, \d+ flagged, \d+ regions scanned, complete, 1 message\(s\) published/);
    expect(out).toMatch(/\d+ AWS API calls: ListServerCertificates 1,/);
  });
});
