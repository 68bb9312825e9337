/**
 * Who the deployment alerts, as the stack tells the checker (ENV.subscribers): the renderers say where the commands
 * are from it (a Slack-only deployment has no email to point at). Pure.
 */

/** `email`: alertEmails; `slack`: AWS Chatbot; `elsewhere`: the operator subscribes the topic (context topicSubscribedElsewhere). */
export const SUBSCRIBERS = ['email', 'slack', 'elsewhere'] as const;

export type Subscriber = (typeof SUBSCRIBERS)[number];

/** The environment value: the deployed kinds, comma-separated in SUBSCRIBERS order. */
export function subscribersEnvValue(subscribers: readonly Subscriber[]): string {
  return SUBSCRIBERS.filter((s) => subscribers.includes(s)).join(',');
}

/** The kinds named by an environment value; `undefined` when unset or when it names something else. */
export function subscribersOf(value: string | undefined): readonly Subscriber[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const names = value.split(',').map((s) => s.trim());
  return names.every((n): n is Subscriber => (SUBSCRIBERS as readonly string[]).includes(n)) ? names : undefined;
}
