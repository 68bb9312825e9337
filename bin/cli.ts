/**
 * `npx iam-cert-expiry-monitor <command> [options]`: the CLI's root. Picks the command (with the nearest one for a
 * typo), prints the version and the usage with the exit-code table. bin/cli.js runs this file from a clone and its
 * esbuild bundle (dist/cli.js) from the package. Commands load on demand, so `check` never loads the demo's
 * loopback server.
 */
import { unknownCommand } from './cli-options';
import { EXIT, EXIT_CODES } from './exit-code';
import { versionLine } from './version';

interface Command {
  /** One line for the root usage. */
  readonly summary: string;
  readonly run: (argv: readonly string[]) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  check: {
    summary: "scan this account's (or organization's) IAM server certificates, read-only (--help for its options)",
    run: async (argv) => (await import('./check.js')).checkCommand(argv),
  },
  rollout: {
    summary: 'switch every place that serves a certificate to its renewal: a plan, or --apply (--help for its options)',
    run: async (argv) => (await import('./rollout.js')).rolloutCommand(argv),
  },
  demo: {
    summary: 'the monitor\'s alert on a built-in sample account, no AWS needed (in a clone: "npm run demo")',
    // The package bundle is built with this variable defined as "true" (esbuild `define`): the comparison then folds
    // to a constant, and the demo (with the loopback server and its dev dependencies) stays out of the bundle.
    run:
      process.env.IAM_CERT_EXPIRY_MONITOR_PACKAGED === 'true'
        ? async () => {
            process.stderr.write(
              'demo runs from a clone of the repository (it starts the loopback AWS server from the sources): ' +
                'git clone, npm ci, then npm run demo\n',
            );
            return EXIT.couldNotRun;
          }
        : async (argv) => (await import('./demo.js')).demoCommand(argv),
  },
};

export const ROOT_USAGE = `Usage: npx iam-cert-expiry-monitor <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}

Options:
  --version   print the version
  -h, --help  show this help

${EXIT_CODES}`;

/** Runs the command line `argv` (after the program name); resolves to the exit code. */
export async function cli(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') {
    process.stdout.write(`${ROOT_USAGE}\n`);
    return EXIT.clean;
  }
  if (first === '--version') {
    process.stdout.write(`${versionLine()}\n`);
    return EXIT.clean;
  }
  if (first === undefined) return refuse('a command is missing');
  if (first.startsWith('-'))
    return refuse(`${first} before the command: options go after it (npx iam-cert-expiry-monitor check ${first})`);
  const command = COMMANDS[first];
  if (!command) return refuse(unknownCommand(first, Object.keys(COMMANDS)));
  return command.run(rest);
}

function refuse(reason: string): number {
  process.stderr.write(`${reason}\n\n${ROOT_USAGE}\n`);
  return EXIT.couldNotRun;
}

if (require.main === module) {
  void cli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
