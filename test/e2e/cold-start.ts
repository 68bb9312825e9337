import { loadAccountHandler, type Handler } from '../../local-aws/lambda-harness';

/**
 * The account handler from a fresh module registry: a cold start that reads the environment as it is now (the
 * handler parses its settings when its module loads, as in Lambda).
 */
export function coldStartHandler(): Handler {
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    handler = loadAccountHandler(require);
  });
  if (!handler) throw new Error('the handler module exported no handler');
  return handler;
}
