/**
 * Whether the CLI colours its output: on a terminal only, never with NO_COLOR set to anything non-empty
 * (https://no-color.org), --no-color, or TERM=dumb. Renderers take the answer as a parameter.
 */
export function colourWanted(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
  noColorFlag: boolean,
): boolean {
  return isTTY && !noColorFlag && !env.NO_COLOR && env.TERM !== 'dumb';
}
