/**
 * Golden files for the four renewal states (one email each), and for a report holding them all with a wildcard
 * whose intermediate expires first and a body that does not parse. Regenerate with
 * `UPDATE_GOLDEN=1 npx jest test/lambda/render` and read the diff as an on-call person would.
 */
import { buildChatbotNotification } from '../../../lambda/render/chatbot';
import { renderEmailText } from '../../../lambda/render/email-text';
import { buildJsonReport } from '../../../lambda/render/json-report';
import { renderSubject } from '../../../lambda/render/subject';
import { STATE_FINDINGS, renewalStatesReport, reportOf } from '../../fixtures/reports/renewal-states';
import { expectGolden, expectValid, validateChatbot, validateReport } from './support';

describe.each(Object.entries(STATE_FINDINGS))('renewal state %s', (state, finding) => {
  const report = reportOf([finding]);

  it('email (golden)', () => {
    expectGolden(`renewal-${state}.email.txt`, `Subject: ${renderSubject(report)}\n\n${renderEmailText(report)}`);
  });

  it('JSON report states it, valid against the schema', () => {
    const json = buildJsonReport(report);
    expectValid(validateReport, json);
    expect(json.findings[0].renewal?.state).toBe(state);
    expect(json.findings[0].hostnames).toEqual(finding.hostnames);
  });
});

describe('a report with every state', () => {
  it('email, subject, Slack and JSON (golden, schema-valid)', () => {
    const json = buildJsonReport(renewalStatesReport);
    const chat = buildChatbotNotification(renewalStatesReport);
    expectValid(validateReport, json);
    expectValid(validateChatbot, chat);
    expectGolden(
      'renewal-states.email.txt',
      `Subject: ${renderSubject(renewalStatesReport)}\n\n${renderEmailText(renewalStatesReport)}`,
    );
    expectGolden(
      'renewal-states.chatbot-description.md',
      `${chat.content.description}\n\n${(chat.content.nextSteps ?? []).join('\n')}\n`,
    );
    expectGolden('renewal-states.report.json', `${JSON.stringify(json, null, 2)}\n`);
  });
});
