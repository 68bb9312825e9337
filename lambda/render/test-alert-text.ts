/** Pure: how every sink marks a test alert (Report.test), in the same words. */

/** What a subject, title or finding title starts with. */
export const TEST_MARK = '[TEST]';

/** The sentence a test alert opens with, in each sink a person reads. */
export const TEST_ALERT_NOTE =
  'TEST ALERT, sent on request ({"test": true}) to show where the alerts arrive. Nothing was scanned: the ' +
  'certificate, the load balancer and every fact below are made up, and nothing needs doing.';

/** `[TEST] ` before `text` when the report is a test. */
export function testMarked(report: { readonly test?: true }, text: string): string {
  return report.test ? `${TEST_MARK} ${text}` : text;
}
