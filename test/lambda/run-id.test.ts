import { runIdOf } from '../../lambda/run-id';

const context = { awsRequestId: '8f5c1a3e-0000-4000-8000-000000000001' };

describe('runIdOf', () => {
  it("takes a scheduled event's id", () => {
    expect(runIdOf({ id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa', source: 'aws.events' }, context)).toBe(
      '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    );
  });

  it("takes the deployed schedule's id, its scheduled time (the same for every retry of one invocation)", () => {
    expect(runIdOf({ id: '2026-12-04T06:00:00Z' }, context)).toBe('2026-12-04T06:00:00Z');
  });

  it.each([
    ['no event', undefined],
    ['an empty event', {}],
    ['a number id', { id: 7 }],
    ['an empty id', { id: '' }],
    ['an id with a space', { id: 'a b' }],
    ['an id with markup', { id: '<!channel>' }],
    ['an id too long', { id: 'x'.repeat(129) }],
    ['a text event', 'hello'],
  ])('%s: the Lambda request id', (_, event) => {
    expect(runIdOf(event, context)).toBe(context.awsRequestId);
  });
});
