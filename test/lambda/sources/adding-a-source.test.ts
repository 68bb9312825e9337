/**
 * Adding a source is one descriptor file plus one line of registration. This file adds that line (by mocking the
 * registry module with one more source) and shows that every renderer names, links and switches the new source's
 * usages with its own descriptor: no ELB command reaches them.
 */
import type { Elbv2Type } from '../../../lambda/domain/types';
import { buildChatbotNotification } from '../../../lambda/render/chatbot';
import { renderEmailText } from '../../../lambda/render/email-text';
import { buildJsonReport } from '../../../lambda/render/json-report';
import { remediationFor } from '../../../lambda/render/remediation';
import { fullView } from '../../../lambda/render/render-view';
import { renderTerminalTable } from '../../../lambda/render/terminal-table';
import { NOW, finding, report, usage } from '../render/support';
import { API_GATEWAY_SERVICE, apiGatewayUsage } from './api-gateway-source';

jest.mock('../../../lambda/sources/registry', () => {
  const { USAGE_SOURCES } = jest.requireActual('../../../lambda/sources/registry');
  const { sourceRegistry } = jest.requireActual('../../../lambda/sources/source-registry');
  const { apiGatewaySource } = jest.requireActual('./api-gateway-source');
  // The one line: lambda/sources/registry.ts with the new source at the end of its list.
  return { USAGE_SOURCES: sourceRegistry([...USAGE_SOURCES.all, apiGatewaySource]) };
});

const ctx = { generatedAt: NOW, coverageIncomplete: false };
const api = apiGatewayUsage('api.example.com');
const mixed = finding('api-example-com', 'critical', 3, [api, usage()]);
const UPDATE_DOMAIN =
  'aws apigateway update-domain-name --region eu-west-1 --domain-name api.example.com --patch-operations ' +
  "'op=replace,path=/regionalCertificateArn,value=arn:aws:iam::123456789012:server-certificate/api-example-com-2026'";

describe('a source registered with one line', () => {
  it('gets its own switch command in the fix, and the load balancer beside it keeps ELB commands', () => {
    const steps = remediationFor(mixed, ctx).steps;
    const own = steps.find((s) => s.title.includes('API Gateway'));
    expect(own).toEqual({
      title: 'Point API Gateway custom domain api.example.com (eu-west-1) at the renewed certificate:',
      commands: [UPDATE_DOMAIN],
    });
    const elbCommands = steps.flatMap((s) => s.commands).filter((c) => /^aws elb/.test(c));
    expect(elbCommands).toEqual([expect.stringContaining('--listener-arn arn:aws:elasticloadbalancing:us-east-1')]);
    expect(elbCommands.join('\n')).not.toContain('api.example.com');
  });

  it('is switched by its own loop in the compact rendering', () => {
    const many = finding('api-example-com', 'critical', 3, [
      apiGatewayUsage('a.example.com'),
      apiGatewayUsage('b.example.com'),
      apiGatewayUsage('c.example.com'),
    ]);
    const steps = remediationFor(many, { ...ctx, compact: true }).steps;
    expect(steps.map((s) => s.title)).toEqual([
      'Upload the renewed certificate from your CA (PEM files):',
      'Point 3 API Gateway custom domains in eu-west-1 at the renewed certificate:',
      'When the renewed certificate is serving traffic everywhere, delete the old one:',
    ]);
    expect(steps[1].commands).toEqual([
      'for n in a.example.com b.example.com c.example.com; do aws apigateway update-domain-name --region eu-west-1 ' +
        `--domain-name "$n" --patch-operations 'op=replace,path=/regionalCertificateArn,value=` +
        "arn:aws:iam::123456789012:server-certificate/api-example-com-2026'; done",
    ]);
  });

  it('is named and linked by its own descriptor in the email, Slack, JSON and terminal table', () => {
    const r = report([mixed], {
      coverage: {
        regionsScanned: ['us-east-1'],
        gaps: [{ region: 'eu-west-1', service: API_GATEWAY_SERVICE, reason: 'AccessDenied' }],
        regionsNotChecked: [{ region: 'eu-west-1', reason: 'denied', detail: 'AccessDenied' }],
        complete: false,
      },
    });
    const email = renderEmailText(r);
    expect(email).toContain('    - API Gateway custom domain api.example.com, eu-west-1\n');
    expect(email).toContain(
      '      Console: https://console.example/apigateway/eu-west-1/domain-names/api.example.com\n',
    );
    expect(email).toContain('  - eu-west-1, API Gateway custom domain names: AccessDenied\n');
    expect(email).toContain(`       ${UPDATE_DOMAIN}\n`);

    const slack = buildChatbotNotification(r).content.description;
    expect(slack).toContain('API Gateway api.example.com (eu-west-1)');
    expect(slack).toContain('eu-west-1 API Gateway custom domain names: AccessDenied');

    const json = buildJsonReport(r).findings[0];
    expect(json.usages[0]).toMatchObject({
      type: 'apigateway',
      name: 'api.example.com',
      consoleUrl: 'https://console.example/apigateway/eu-west-1/domain-names/api.example.com',
    });
    expect(json.remediation.steps.flatMap((s) => s.commands)).toContain(UPDATE_DOMAIN);

    expect(renderTerminalTable(r)).toContain(
      '    API Gateway api.example.com (eu-west-1)\n    ALB web-alb:443 (us-east-1)\n',
    );
  });

  it('lists its compact usages with one console link per list its descriptor names', () => {
    const r = report([finding('api-example-com', 'critical', 3, [api, usage()])]);
    const compact = fullView(r).findings.map((f) => ({ ...f, rendering: 'compact' as const }));
    const email = renderEmailText({ ...fullView(r), findings: compact });
    expect(email).toContain('    - API Gateway api.example.com, eu-west-1\n');
    expect(email).toContain('    API Gateway eu-west-1: https://console.example/apigateway/eu-west-1/domain-names\n');
    expect(email).toContain(
      '    us-east-1: https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#LoadBalancers:\n',
    );
  });

  it('still fails loudly for a type nobody registered', () => {
    const stray = finding('stray', 'critical', 3, [{ ...api, type: 'appsync' as Elbv2Type }]);
    expect(() => remediationFor(stray, ctx)).toThrow('No usage source is registered for type "appsync"');
    expect(() => renderEmailText(report([stray]))).toThrow('No usage source is registered for type "appsync"');
  });
});
