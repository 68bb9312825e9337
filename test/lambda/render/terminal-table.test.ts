import fc from 'fast-check';
import { renderTerminalTable, SEVERITY_COLOURS, TERMINAL_COLUMNS } from '../../../lambda/render/terminal-table';
import { displayWidth } from '../../../lambda/text/display-width';
import { isUnsafeCharacter } from '../../../lambda/text/sanitise';
import { classicUsage, finding, report, usage } from './support';

/** Terminal columns: a wide CJK character takes two. */
const columns = displayWidth;

describe('the laptop table', () => {
  test('two listeners of one load balancer are told apart by port', () => {
    const legacy = (port: number) => classicUsage({ name: 'legacy-web', protocol: 'HTTPS', port });
    const text = renderTerminalTable(report([finding('legacy', 'expired', -2, [legacy(443), legacy(8443)])]));
    const lines = text.split('\n');
    expect(lines).toContain('    Classic ELB legacy-web:443 (us-east-1)');
    expect(lines).toContain('    Classic ELB legacy-web:8443 (us-east-1)');
  });

  test('a row: hostnames first, then severity, time left, certificate and expiry; the places under it', () => {
    const lines = renderTerminalTable(
      report([finding('shop-2026', 'critical', 3, [usage({ role: 'sni' })], { hostnames: ['shop.example.com'] })]),
    ).split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '1 of 4 IAM server certificates need attention in account 123456789012 (acme-prod).',
      'Critical within 7 days, warning within 30.',
    ]);
    expect(lines[3]).toMatch(/^HOSTNAMES\s+SEVERITY\s+WHEN\s+CERTIFICATE\s+EXPIRES$/);
    expect(lines[4]).toMatch(/^shop\.example\.com\s+CRITICAL\s+3 days left\s+shop-2026\s+\d{4}-\d\d-\d\dT[\d:]+Z$/);
    expect(lines[5]).toBe('    ALB web-alb:443 (us-east-1, SNI)');
  });

  const RESET = '\x1b[0m';
  test('colour: only the SEVERITY cells, each in its severity colour; the columns stay aligned', () => {
    const r = report([finding('old', 'expired', -2), finding('shop', 'critical', 3), finding('cdn', 'warning', 20)]);
    const plain = renderTerminalTable(r);
    const coloured = renderTerminalTable(r, { colour: true });
    expect(renderTerminalTable(r, { colour: false })).toBe(plain);
    expect(plain).not.toContain('\x1b');
    const codes = [...Object.values(SEVERITY_COLOURS), RESET];
    expect(codes.reduce((text, code) => text.split(code).join(''), coloured)).toBe(plain);
    for (const [severity, label] of [
      ['expired', 'EXPIRED'],
      ['critical', 'CRITICAL'],
      ['warning', 'WARNING'],
    ] as const)
      expect(coloured).toContain(`${SEVERITY_COLOURS[severity]}${label}\x1b[0m`);
    expect(coloured.split(RESET)).toHaveLength(4);
  });

  test('untrusted names pass the sanitiser, then are cut with an ellipsis', () => {
    const name = `evil\u001b[31m\n${'x'.repeat(200)}`;
    const text = renderTerminalTable(
      report([finding(name, 'critical', 3, [usage({ name: `lb\u202e${'y'.repeat(200)}` })])], {
        accountAlias: `alias\r\n${'z'.repeat(300)}`,
      }),
    );
    expect([...text].filter((c) => c !== '\n' && isUnsafeCharacter(c))).toEqual([]);
    expect(text).toContain('evil\uFFFD[31m\uFFFDxxxx');
    expect(text).toMatch(/evil\uFFFD\[31m\uFFFDx+…/);
    expect(text).toMatch(/ALB lb\uFFFDy+…/);
  });

  test('every line fits 120 columns, whatever the account holds', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 300 });
    fc.assert(
      fc.property(
        text,
        text,
        text,
        fc.array(text, { maxLength: 5 }),
        fc.integer({ min: -5000, max: 5000 }),
        (certificate, loadBalancer, reason, hostnames, daysLeft) => {
          const r = report(
            [
              finding(
                certificate || 'c',
                daysLeft < 0 ? 'expired' : 'critical',
                daysLeft,
                [usage({ name: loadBalancer, port: 65535 })],
                { hostnames, certificateProblems: [reason] },
              ),
              finding('unknown', 'unknown', undefined, []),
            ],
            {
              accountAlias: reason,
              certificatesScanned: 1_000_000,
              snoozed: [{ certificate: finding(certificate).certificate, until: undefined } as never],
              configurationProblems: [{ certificateName: certificate, problem: reason }],
              coverage: {
                regionsScanned: [],
                gaps: [{ region: 'ap-southeast-2', service: 'elbv2', reason }],
                regionsNotChecked: [],
                complete: false,
              },
            },
          );
          for (const line of renderTerminalTable(r).split('\n'))
            expect(columns(line)).toBeLessThanOrEqual(TERMINAL_COLUMNS);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('names in wide characters keep the columns aligned and are cut by the columns they take', () => {
    const lines = renderTerminalTable(
      report([
        finding('証明書-本番-ウェブ-二〇二六年-更新予定-東京リージョン', 'critical', 3, [usage()], {
          hostnames: ['ショップ.例え.jp'],
        }),
        finding('shop-2026', 'expired', -1, [usage()], { hostnames: ['shop.example.com'] }),
      ]),
    ).split('\n');
    const header = lines.find((l) => l.startsWith('HOSTNAMES'))!;
    const rows = lines.filter((l) => / (CRITICAL|EXPIRED) /.test(l));
    expect(rows).toHaveLength(2);
    // Each column starts at the same terminal column in the header and in both rows.
    const starts = (line: string, words: readonly string[]) =>
      words.map((w) => columns(line.slice(0, line.indexOf(w))));
    expect(starts(rows[0]!, ['CRITICAL', '3 days'])).toEqual(starts(header, ['SEVERITY', 'WHEN']));
    expect(starts(rows[1]!, ['EXPIRED', 'expired'])).toEqual(starts(header, ['SEVERITY', 'WHEN']));
    const certificateAt = columns(header.slice(0, header.indexOf('CERTIFICATE')));
    const expiresAt = columns(header.slice(0, header.indexOf('EXPIRES')));
    for (const row of rows) {
      const iso = row.search(/\d{4}-\d\d-\d\dT/);
      expect(columns(row.slice(0, iso))).toBe(expiresAt);
    }
    // The certificate cell is cut to 28 columns (14 wide characters at most), not 28 characters.
    const cell = rows[0]!.slice(rows[0]!.indexOf('証'), rows[0]!.search(/\d{4}-\d\d-\d\dT/)).trimEnd();
    expect(cell.endsWith('…')).toBe(true);
    expect(columns(cell)).toBeLessThanOrEqual(28);
    expect(columns(rows[0]!.slice(0, rows[0]!.indexOf('証')))).toBe(certificateAt);
  });

  test('a long list of places is capped with the count of the rest', () => {
    const usages = Array.from({ length: 14 }, (_, i) => usage({ name: `lb-${i}` }));
    const lines = renderTerminalTable(report([finding('wide', 'critical', 3, usages)])).split('\n');
    expect(lines.filter((l) => l.startsWith('    ALB lb-'))).toHaveLength(10);
    expect(lines).toContain('    … and 4 more places (--json lists every one)');
  });

  test('"safe to delete" only when every place was checked', () => {
    const unused = finding('unused', 'critical', 3, []);
    expect(renderTerminalTable(report([unused]))).toContain('unused: safe to delete');
    const gap = { region: 'eu-west-1', service: 'elb', reason: 'AccessDenied' } as const;
    const partial = renderTerminalTable(
      report([unused], { coverage: { regionsScanned: [], gaps: [gap], regionsNotChecked: [], complete: false } }),
    );
    expect(partial).not.toContain('safe to');
    expect(partial).toContain('usage unknown');
    expect(partial).toContain('  eu-west-1 Classic ELB listeners: AccessDenied');
  });
});
