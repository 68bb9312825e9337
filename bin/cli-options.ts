/**
 * The CLI's command lines: node's own parseArgs, with refusals that name what was typed and the nearest
 * option ("--dyas" -> did you mean --days?), and the options every command takes.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestName } from '../contract/closest-name';
import { versionLine } from './version';

/** A command line the CLI refuses (exit 2): the message is one line for the user, with no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Options of the AWS-calling commands, the same words in each: `check` takes all, `rollout` those it has a use for. */
export const COMMON_OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  'no-color': { type: 'boolean', default: false },
  version: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies OptionsConfig;

type CommonOption = keyof typeof COMMON_OPTIONS;

const COMMON_HELP: Readonly<Record<CommonOption, string>> = {
  profile: '  --profile NAME       the AWS profile (shared config files) for credentials and region, as AWS_PROFILE',
  region: `  --region NAME        the home region: IAM, region discovery, Security Hub, publishing (default: AWS_REGION,
                       AWS_DEFAULT_REGION, the profile's region, else us-east-1)`,
  verbose: '  --verbose            each AWS call on stderr: service, action, region, duration (and attempts, error)',
  quiet: '  -q, --quiet          findings only: nothing on stdout when nothing is flagged, no notes on stderr',
  'no-color': '  --no-color           no colour (also NO_COLOR=1); severities are coloured only on a terminal',
  version: '  --version            print the version',
  help: '  -h, --help           show this help',
};

/**
 * The "Common options" of --help for those of COMMON_OPTIONS that `options` takes, in that order; `own` replaces
 * the line of an option whose meaning the command narrows.
 */
export function commonUsage(options: OptionsConfig, own: Partial<Record<CommonOption, string>> = {}): string {
  const taken = (Object.keys(COMMON_HELP) as CommonOption[]).filter((name) => name in options);
  return ['Common options:', ...taken.map((name) => own[name] ?? COMMON_HELP[name])].join('\n');
}

export const COMMON_USAGE = commonUsage(COMMON_OPTIONS);

/** What a command prints for `--help` or `--version` instead of running, if either was given. */
export function helpOrVersion(args: { readonly help?: boolean; readonly version?: boolean }, usage: string) {
  if (args.help) return usage;
  if (args.version) return versionLine();
  return undefined;
}

/** A refused command line on stderr: the reason, then where the options are listed. */
export function usageRefusal(reason: string): string {
  return `${reason}\nRun with --help for the options.`;
}

/**
 * The values of `argv` under `options` (strict: no positionals). Throws UsageError with the nearest option for a
 * mistyped one.
 */
export function parseCommandLine<O extends OptionsConfig>(argv: readonly string[], options: O) {
  return refusingUsage(
    options,
    () => parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values,
  );
}

/** The values and the operands (what is not an option, such as a certificate name) of `argv`, as parseCommandLine. */
export function parseCommandLineWithOperands<O extends OptionsConfig>(argv: readonly string[], options: O) {
  return refusingUsage(options, () => parseArgs({ args: [...argv], options, strict: true, allowPositionals: true }));
}

function refusingUsage<T>(options: OptionsConfig, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(refusal(error as Error & { code?: string }, Object.keys(options)));
  }
}

/** `--dyas` (did you mean --days?), `days` (did you mean --days?), `--days` without its value. */
function refusal(error: Error & { code?: string }, names: readonly string[]): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const typed = quoted.replace(/=.*$/, '');
      return `unknown option ${typed}${suggestion(typed.replace(/^-+/, ''), names)}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted)}${suggestion(quoted, names)}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = /^(-\S+)/.exec(quoted)?.[1] ?? quoted;
      return / argument missing/.test(error.message)
        ? `${option} needs a value`
        : `${option} takes no value (${option} alone switches it on)`;
    }
    default:
      return error.message;
  }
}

function suggestion(typed: string, names: readonly string[]): string {
  const near = typed.length > 1 ? closestName(typed, names) : undefined;
  return near ? ` (did you mean --${near}?)` : '';
}

/** The refusal of a command that does not exist, with the nearest one. */
export function unknownCommand(typed: string, commands: readonly string[]): string {
  const near = closestName(typed, commands);
  return `unknown command ${JSON.stringify(typed)}${near ? ` (did you mean ${near}?)` : ''}`;
}
