/**
 * Node.js support of the commands that run on the user's machine (`npm run check`, `demo`, `bench`). The AWS SDK
 * warns on every client start under Node.js 20 that its releases after early January 2027 need Node.js 22; the
 * SDK versions pinned in package-lock.json still support 20 (package.json `engines` follows them, and a test keeps
 * the two equal). Instead of the SDK's eight lines on every run, `check` prints this one line on stderr.
 */

/** The Node.js major that AWS SDK releases after early January 2027 require. */
export const SDK_NEXT_MIN_NODE_MAJOR = 22;

/** The one-line notice for `version` (`process.version`), or undefined when that Node.js needs none. */
export function nodeSupportNotice(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (!(major < SDK_NEXT_MIN_NODE_MAJOR)) return undefined;
  return (
    `note: Node.js ${version} works with this release, but AWS SDK releases after early January 2027 need ` +
    `Node.js ${SDK_NEXT_MIN_NODE_MAJOR} or newer; upgrade before updating dependencies.`
  );
}

/** Replaces the SDK's warning with the one-line notice (call before the first AWS client is created). */
export function noteNodeSupport(proc: {
  readonly version: string;
  readonly env: Record<string, string | undefined>;
  readonly stderr: { write(text: string): unknown };
}): void {
  const notice = nodeSupportNotice(proc.version);
  if (notice === undefined) return;
  proc.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  proc.stderr.write(`${notice}\n`);
}
