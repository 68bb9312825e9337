/**
 * One line on a terminal, rewritten in place while a long run goes on (`\r`, then erase to the end of the line),
 * and ended with a newline, so that whatever follows starts on a line of its own. Nothing at all when the stream
 * is not a terminal: a log or a pipe gets no carriage returns.
 */

/** Where the line goes: process.stderr, or a stand-in. */
export interface Terminal {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressLine {
  show(line: string): void;
  /** Ends the line (once, if one was shown). */
  end(): void;
}

const ERASE_TO_END = '\x1b[K';

export function progressLine(terminal: Terminal | undefined): ProgressLine {
  let shown = false;
  if (terminal?.isTTY !== true) return { show: () => undefined, end: () => undefined };
  return {
    show(line) {
      terminal.write(`\r${line}${ERASE_TO_END}`);
      shown = true;
    },
    end() {
      if (shown) terminal.write('\n');
      shown = false;
    },
  };
}
