/** The run id in every variant of every part: JSON `runId`, the email footer, the Chatbot notification. */
import { buildChatbotNotification } from '../../../lambda/render/chatbot';
import { renderPublishRequests } from '../../../lambda/render/publish-requests';
import { expectValid, largeReport, validateChatbot, validateReport } from './support';

const RUN = '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa';

describe('run id in the rendered alert', () => {
  it('each part names the run: JSON runId, one email line, notification id with the part number', () => {
    const requests = [...renderPublishRequests({ ...largeReport(40, 20), runId: RUN }, { maxBytes: 60_000 })];
    expect(requests.length).toBeGreaterThan(1);
    requests.forEach((request, i) => {
      const variants = JSON.parse(request.message);
      const json = JSON.parse(variants.sqs);
      expectValid(validateReport, json);
      expect(json.runId).toBe(RUN);
      expect(variants.email.split('\n').filter((l: string) => l.startsWith('Run id:'))).toEqual([`Run id: ${RUN}`]);
      const notification = JSON.parse(variants.https);
      expectValid(validateChatbot, notification);
      expect(notification.id).toBe(`iam-cert-expiry-123456789012-${RUN}-part-${i + 1}-of-${requests.length}`);
      expect(notification.metadata.additionalContext.runId).toBe(RUN);
    });
  });

  it('no run id (the laptop check): null in the JSON, no email line, the time in the notification id', () => {
    const report = largeReport(1, 1);
    const [request] = [...renderPublishRequests(report)];
    const variants = JSON.parse(request!.message);
    expect(JSON.parse(variants.sqs).runId).toBeNull();
    expect(variants.email).not.toContain('Run id:');
    expect(buildChatbotNotification(report).id).toBe(
      `iam-cert-expiry-123456789012-${report.generatedAt.toISOString()}`,
    );
  });
});
