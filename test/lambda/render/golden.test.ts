/**
 * Golden files for every rendered variant of the realistic report. After an intended change, regenerate with
 * `UPDATE_GOLDEN=1 npx jest test/lambda/render` and read the diff as an on-call person would.
 */
import { buildChatbotNotification, renderChatbotNotification } from '../../../lambda/render/chatbot';
import { renderEmailText } from '../../../lambda/render/email-text';
import { buildJsonReport, renderJsonReport } from '../../../lambda/render/json-report';
import { publishRequestBytes, renderPublishRequests } from '../../../lambda/render/publish-requests';
import { renderSubject } from '../../../lambda/render/subject';
import { utf8Bytes } from '../../../lambda/render/format';
import { realisticReport } from '../../fixtures/reports/realistic';
import { expectGolden, expectValid, validateChatbot, validateReport } from './support';

describe('golden files for the realistic report', () => {
  it('email text', () => {
    expectGolden('realistic.email.txt', renderEmailText(realisticReport));
  });

  it('subject', () => {
    expectGolden('realistic.subject.txt', `${renderSubject(realisticReport)}\n`);
  });

  it('chatbot custom notification (valid against the schema)', () => {
    const notification = buildChatbotNotification(realisticReport);
    expectValid(validateChatbot, notification);
    expectGolden('realistic.chatbot.json', `${JSON.stringify(notification, null, 2)}\n`);
  });

  it('chatbot description as Slack would show it', () => {
    expectGolden(
      'realistic.chatbot-description.md',
      `${buildChatbotNotification(realisticReport).content.description}\n`,
    );
  });

  it('machine report (valid against the schema)', () => {
    const json = buildJsonReport(realisticReport);
    expectValid(validateReport, json);
    expectGolden('realistic.report.json', `${JSON.stringify(json, null, 2)}\n`);
  });

  it('publish request (one message, every protocol key)', () => {
    const requests = [...renderPublishRequests(realisticReport)];
    expect(requests).toHaveLength(1);
    const [request] = requests;
    const message = JSON.parse(request.message) as Record<string, string>;
    expectGolden(
      'realistic.publish-request.json',
      `${JSON.stringify({ subject: request.subject, messageAttributes: request.messageAttributes, message }, null, 2)}\n`,
    );
  });

  it('sizes of each variant (bytes, UTF-8)', () => {
    const [request] = [...renderPublishRequests(realisticReport)];
    const sizes = [
      `subject: ${utf8Bytes(renderSubject(realisticReport))}`,
      `email text: ${utf8Bytes(renderEmailText(realisticReport))}`,
      `chatbot json: ${utf8Bytes(renderChatbotNotification(realisticReport))}`,
      `machine report json: ${utf8Bytes(renderJsonReport(realisticReport))}`,
      `sns message (all protocols): ${utf8Bytes(request.message)}`,
      `whole publish request: ${publishRequestBytes(request)}`,
    ];
    expectGolden('realistic.sizes.txt', `${sizes.join('\n')}\n`);
  });
});
