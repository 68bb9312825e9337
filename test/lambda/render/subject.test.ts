import fc from 'fast-check';
import { renderSubject } from '../../../lambda/render/subject';
import type { RenderView } from '../../../lambda/render/render-view';
import { fullView } from '../../../lambda/render/render-view';
import { realisticReport } from '../../fixtures/reports/realistic';
import { finding, report } from './support';

const PRINTABLE = /^[\x20-\x7E]*$/;

describe('renderSubject', () => {
  it('worst severity, count, alias and account id', () => {
    expect(renderSubject(realisticReport)).toBe('[EXPIRED] 6 IAM certificates need renewal - acme-prod (123456789012)');
  });
  it('adds a severity breakdown when it fits', () => {
    const r = report([finding('a', 'critical', 2), finding('b', 'warning', 20)], { accountAlias: 'x' });
    expect(renderSubject(r)).toBe(
      '[CRITICAL] 2 IAM certificates need renewal (1 critical, 1 warning) - x (123456789012)',
    );
  });
  it('singular, no alias', () => {
    const { accountAlias, ...r } = report([finding('a', 'warning', 20)]);
    expect(renderSubject(r)).toBe('[WARNING] 1 IAM certificate needs renewal - 123456789012');
  });
  it('unknown only', () => {
    expect(renderSubject(report([finding('a', 'unknown', undefined)]))).toBe(
      '[UNKNOWN] 1 IAM certificate with unknown expiry - acme-prod (123456789012)',
    );
  });
  it('nothing flagged', () => {
    expect(renderSubject(report([]))).toBe('[OK] No IAM certificates need renewal - acme-prod (123456789012)');
  });
  it('part suffix', () => {
    const view: RenderView = { ...fullView(realisticReport), part: { number: 2, total: 3 } };
    expect(renderSubject(view)).toBe('[EXPIRED] 6 IAM certificates need renewal - acme-prod (123456789012) (2/3)');
  });
  it('cuts a long alias, never the account id or part', () => {
    const r = report([finding('a', 'expired', -2)], { accountAlias: 'a-very-long-account-alias-'.repeat(5) });
    const view: RenderView = { ...fullView(r), part: { number: 12, total: 345 } };
    const subject = renderSubject(view);
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/\.\.\. \(123456789012\) \(12\/345\)$/);
    expect(subject.startsWith('[EXPIRED] 1 IAM certificate needs renewal - a-very-long')).toBe(true);
  });
  it('transliterates or strips non-ASCII aliases', () => {
    const r = report([finding('a')], { accountAlias: 'Société\nGénérale 🚀 prod' });
    expect(renderSubject(r)).toBe('[CRITICAL] 1 IAM certificate needs renewal - Societe Generale prod (123456789012)');
    expect(renderSubject(report([finding('a')], { accountAlias: '日本' }))).toBe(
      '[CRITICAL] 1 IAM certificate needs renewal - 123456789012',
    );
  });
  it('property: always ≤ 100 printable ASCII characters with the account id', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 9999 }),
        (alias, n, total) => {
          const r = report(
            Array.from({ length: n }, (_, i) => finding(`c${i}`, 'critical', 1)),
            { accountAlias: alias },
          );
          const view: RenderView = { ...fullView(r), part: { number: total, total } };
          const subject = renderSubject(view);
          expect(subject.length).toBeLessThanOrEqual(100);
          expect(subject).toMatch(PRINTABLE);
          expect(subject).toContain('123456789012');
          expect(subject).not.toMatch(/[\r\n]/);
        },
      ),
    );
  });
});
