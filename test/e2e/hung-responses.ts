import type { IncomingMessage } from 'node:http';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsClients } from '../../lambda/aws/clients';
import { HUNG_RESPONSE_HEADER } from '../../local-aws';

/**
 * What the clients do with a response the loopback server hangs (headers and half a body, then nothing), decided
 * by what the server says instead of by a clock. A hang ends only at a timeout, and on a busy machine a healthy
 * response can take longer than any timeout short enough for a test: the two raced, and healthy calls were
 * retried or lost. So the clients here get timeouts no response reaches, and a hung response ends by `onHung`:
 * - `time out`: the attempt fails at once with a TimeoutError, as when the clients' own timeout fires, and the
 *   SDK retries it;
 * - `wait`: it stays open until the caller's deadline aborts it; `othersAnswered()` says when only such
 *   responses are left.
 */
export class HungResponses {
  /** Each request in flight, and whether the server hung it. */
  private readonly inFlight = new Map<object, boolean>();
  private whenOthersAnswered: (() => void) | undefined;

  constructor(
    clients: AwsClients,
    private readonly onHung: 'time out' | 'wait',
  ) {
    // Every client of an AwsClients sends through its one handler.
    const handler = clients.iam.config.requestHandler as NodeHttpHandler;
    const handle = handler.handle.bind(handler);
    handler.handle = async (request, options) => {
      const key = {};
      this.inFlight.set(key, false);
      try {
        const result = await handle(request, options);
        const body = result.response.body as IncomingMessage;
        body.once('close', () => this.answered(key));
        if (result.response.headers[HUNG_RESPONSE_HEADER] !== undefined) {
          if (this.onHung === 'time out') {
            body.destroy();
            throw Object.assign(new Error('Connection timed out (the loopback server hung the response)'), {
              name: 'TimeoutError',
            });
          }
          this.inFlight.set(key, true);
          this.changed();
        }
        return result;
      } catch (error) {
        this.answered(key);
        throw error;
      }
    };
  }

  /**
   * Resolves once every request in flight is a hung one: whatever would send another request waits on those.
   * The clients' own work between two requests runs in microtasks, which all run before the next turn of the
   * event loop, so the check holds over two turns before it resolves: a count of turns, not of milliseconds.
   */
  othersAnswered(): Promise<void> {
    return new Promise((resolve) => {
      this.whenOthersAnswered = resolve;
      this.changed();
    });
  }

  private answered(key: object): void {
    if (this.inFlight.delete(key)) this.changed();
  }

  private changed(): void {
    if (this.whenOthersAnswered) setImmediate(() => this.confirm(2));
  }

  private confirm(turns: number): void {
    const values = [...this.inFlight.values()];
    if (values.length === 0 || values.includes(false)) return;
    if (turns > 1) {
      setImmediate(() => this.confirm(turns - 1));
      return;
    }
    this.whenOthersAnswered?.();
    this.whenOthersAnswered = undefined;
  }
}
