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
import { expectGolden, expectValid, readGolden, validateChatbot, validateReport } from './support';

/** The goldens a publish request's parts are checked against. */
const VARIANT_GOLDENS = [
  'realistic.subject.txt',
  'realistic.email.txt',
  'realistic.chatbot.json',
  'realistic.report.json',
] as const;

/** A rendered value as the golden file `name` holds it: JSON indented, text as it is. */
function asInGolden(name: string, value: string): string | undefined {
  if (!name.endsWith('.json')) return value;
  try {
    return `${JSON.stringify(JSON.parse(value), null, 2)}\n`;
  } catch {
    return undefined;
  }
}

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

  it('publish request: the envelope, each rendered text as its own golden file holds it (one message)', () => {
    const requests = [...renderPublishRequests(realisticReport)];
    expect(requests).toHaveLength(1);
    const [request] = requests;
    const message = JSON.parse(request.message) as Record<string, string>;
    // Each protocol's variant is named by the golden file it equals (JSON as that file indents it): a rendered
    // text lives in one golden, and this one records which text each protocol gets.
    const pointer = (value: string) => {
      const name = VARIANT_GOLDENS.find((candidate) => asInGolden(candidate, value) === readGolden(candidate));
      return name ? { golden: name } : value;
    };
    const variants = Object.fromEntries(Object.entries(message).map(([protocol, value]) => [protocol, pointer(value)]));
    const envelope = {
      subject: pointer(`${request.subject}\n`),
      messageAttributes: request.messageAttributes,
      message: variants,
    };
    expectGolden('realistic.publish-request.json', `${JSON.stringify(envelope, null, 2)}\n`);
    // Every variant is one of the goldens, none a text of its own.
    for (const value of [envelope.subject, ...Object.values(variants)]) expect(value).toHaveProperty('golden');
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
