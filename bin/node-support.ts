/**
 * Node.js support of the commands that run on the user's machine (`check`, `demo`, `bench`). The AWS SDK warns
 * under Node.js 20 that its releases after early January 2027 need Node.js 22; the SDK versions pinned in
 * package-lock.json still support 20 (package.json `engines` follows them, and a test keeps the two equal). Instead
 * of the SDK's eight lines, a command prints this one line on stderr, once; the SDK's own variable silences both.
 */

/** The Node.js major that AWS SDK releases after early January 2027 require. */
export const SDK_NEXT_MIN_NODE_MAJOR = 22;

/**
 * The SDK's switch for its warning (@aws-sdk/core emitWarningIfUnsupportedVersion): exactly `true` silences it,
 * any other value leaves it on.
 */
export const SDK_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/** The one-line notice for `version` (`process.version`), or undefined when that Node.js needs none. */
export function nodeSupportNotice(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (!(major < SDK_NEXT_MIN_NODE_MAJOR)) return undefined;
  return (
    `note: Node.js ${version} works with this release, but AWS SDK releases after early January 2027 need ` +
    `Node.js ${SDK_NEXT_MIN_NODE_MAJOR} or newer; upgrade before updating dependencies ` +
    `(${SDK_WARNING_SWITCH}=true hides this note).`
  );
}

/**
 * Replaces the SDK's warning with the one-line notice (call before the first AWS client is created): nothing when
 * the user set the SDK's switch or this Node.js needs no notice; `quiet` (--quiet) silences the SDK only. The
 * switch it sets keeps a second call quiet.
 */
export function noteNodeSupport(
  proc: {
    readonly version: string;
    readonly env: Record<string, string | undefined>;
    readonly stderr: { write(text: string): unknown };
  },
  quiet = false,
): void {
  const notice = nodeSupportNotice(proc.version);
  if (notice === undefined || proc.env[SDK_WARNING_SWITCH] === 'true') return;
  proc.env[SDK_WARNING_SWITCH] = 'true';
  if (!quiet) proc.stderr.write(`${notice}\n`);
}
