import type { JsonReport } from '../../lambda/render/json-report';
import { startAwsServer, type AwsServer, type AwsServerOptions, type PublishedMessage } from '../../local-aws';
import {
  applyEnvironment,
  loadAccountHandler,
  loopbackEnvironment,
  type Handler,
} from '../../local-aws/lambda-harness';

/** The one message a run published, with its per-protocol variants read back. */
export interface PublishedAlert {
  readonly message: PublishedMessage;
  readonly subject: string | undefined;
  /** The `sqs` variant: the JSON report. */
  readonly report: JsonReport;
  /** The `email` variant (also the `default`). */
  readonly email: string;
  /** The `https` variant: the AWS Chatbot custom notification. */
  readonly slack: { readonly content: { readonly description: string; readonly nextSteps: readonly string[] } };
}

/** The loopback account of the current test: see `loopbackAccount`. */
export interface LoopbackAccount {
  /** Starts the loopback server as the account (after closing the one before, if any). */
  start(options: AwsServerOptions): Promise<AwsServer>;
  /** The running server. */
  readonly server: AwsServer;
  /**
   * The account handler from a fresh module registry, with the stack's environment (plus `overrides`) pointed at the
   * server: a cold start, which parses its settings when its module loads, as in Lambda.
   */
  coldStart(overrides?: Record<string, string>): Handler;
  /** The one message the run published (fails the test if there is not exactly one). */
  published(): PublishedAlert;
}

/**
 * The account handler over HTTP, for a test file that calls this once at its top: each test starts the loopback
 * server and cold-starts the handler against it; after each test the server is closed and the environment restored.
 */
export function loopbackAccount(): LoopbackAccount {
  let server: AwsServer | undefined;
  let restoreEnv = (): void => undefined;
  const stop = async (): Promise<void> => {
    restoreEnv();
    restoreEnv = () => undefined;
    await server?.close();
    server = undefined;
  };
  afterEach(stop);

  const running = (): AwsServer => {
    if (!server) throw new Error('no loopback server: call start() first');
    return server;
  };
  return {
    async start(options) {
      await stop();
      server = await startAwsServer(options);
      return server;
    },
    get server() {
      return running();
    },
    coldStart(overrides = {}) {
      restoreEnv();
      restoreEnv = applyEnvironment(loopbackEnvironment(running().endpoint, overrides));
      let handler: Handler | undefined;
      jest.isolateModules(() => {
        handler = loadAccountHandler(require);
      });
      if (!handler) throw new Error('the handler module exported no handler');
      return handler;
    },
    published() {
      const { published } = running();
      expect(published).toHaveLength(1);
      const message = published[0]!;
      const variants = JSON.parse(message.message) as Record<string, string>;
      return {
        message,
        subject: message.subject,
        report: JSON.parse(variants.sqs!) as JsonReport,
        email: variants.email!,
        slack: JSON.parse(variants.https!) as PublishedAlert['slack'],
      };
    },
  };
}
