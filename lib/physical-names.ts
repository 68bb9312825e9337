import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * What the names of a monitor's topics, alarms and StackSet start with: the stack's name, then the monitor's
 * construct id (letters, digits and hyphens of it), so that two monitors in one stack name nothing alike. The app's
 * own stacks give the id `Default`, which is left out: their names stay `<stack>-alerts`, `<stack>-alarms`, ...
 */
export function physicalNamePrefix(monitor: IConstruct): string {
  const stackName = Stack.of(monitor).stackName;
  const id = monitor.node.id.replace(/[^A-Za-z0-9-]/g, '');
  return monitor.node.id === 'Default' || id === '' ? stackName : `${stackName}-${id}`;
}
