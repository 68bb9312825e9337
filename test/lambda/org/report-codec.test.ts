import { decodeReport, encodeReport } from '../../../lambda/org/report-codec';
import { realisticReport } from '../../fixtures/reports/realistic';

describe('report codec', () => {
  it('round-trips a report through JSON, dates included', () => {
    const decoded = decodeReport(JSON.parse(JSON.stringify(encodeReport(realisticReport))));
    expect(decoded).toEqual(realisticReport);
    expect(() => decodeReport({ hello: 1 })).toThrow('not an encoded report');
  });

  it('revives a Date in a field it does not know (a later Report version), never a date-like string', () => {
    const [first] = realisticReport.findings;
    const later = {
      ...realisticReport,
      findings: [
        { ...first!, laterField: { notAfter: new Date('2027-01-01T00:00:00Z'), subject: '2026-03-14T06:00:00.000Z' } },
      ],
    };
    const decoded = decodeReport(JSON.parse(JSON.stringify(encodeReport(later)))) as unknown as typeof later;
    expect(decoded.findings[0]!.laterField.notAfter).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(decoded.findings[0]!.laterField.subject).toBe('2026-03-14T06:00:00.000Z');
  });

  it('an unreadable date fails the decode (the account is named not checked), never reaches a renderer', () => {
    const encoded = JSON.parse(JSON.stringify(encodeReport(realisticReport)));
    encoded.generatedAt = { $date: 'not a date' };
    expect(() => decodeReport(encoded)).toThrow('not an encoded report: invalid date "not a date"');
  });
});
