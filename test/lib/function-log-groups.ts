/** Test support: which log group each function of a template writes to, and that group's retention. */
import type { Template } from 'aws-cdk-lib/assertions';

type Json = Record<string, unknown>;
interface Resource {
  readonly Type: string;
  readonly Properties?: Json;
}

/**
 * Each AWS::Lambda::Function of the template (by logical id) -> the RetentionInDays of the template's log group it
 * writes to: the one its `LoggingConfig.LogGroup` references, else the one named `/aws/lambda/<its name>`. `null`
 * when it has none of the template (Lambda would create `/aws/lambda/<name>` itself, never expiring).
 */
export function logRetentionOfEachFunction(template: Template): Record<string, number | null> {
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const logGroups = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Logs::LogGroup');
  const retentionOf = (logGroupId: string | undefined): number | null =>
    (logGroupId === undefined ? undefined : (resources[logGroupId]?.Properties?.RetentionInDays as number)) ?? null;
  return Object.fromEntries(
    Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([functionId, fn]) => {
        const linked = (fn.Properties?.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref;
        const byName = logGroups.find(
          ([, group]) =>
            JSON.stringify(group.Properties?.LogGroupName) ===
            JSON.stringify({ 'Fn::Join': ['', ['/aws/lambda/', { Ref: functionId }]] }),
        )?.[0];
        return [functionId, retentionOf(linked ?? byName)];
      }),
  );
}
