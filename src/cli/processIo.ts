/**
 * `cte-check` as a process: its standard streams can fail under it. A reader that stops early
 * (`cte-check … | head -1`) closes the pipe (EPIPE); a full disk (`> /dev/full`) refuses the write (ENOSPC).
 * Node reports both as an 'error' event on process.stdout, which unhandled ends the process with a stack
 * trace. Here each becomes one line on stderr and exit status 4 (EXIT_OUTPUT_FAILED).
 */
import type { CliIo } from "./main";
import { shortReason } from "./readInput";

/** Exit status when the report could not be written to standard output (closed pipe, full disk). */
export const EXIT_OUTPUT_FAILED = 4;

/** Why a write to a stream failed, in plain words. */
export function writeFailureReason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException)?.code) {
    case "EPIPE":
      return "the program reading it stopped reading (the pipe was closed)";
    case "ENOSPC":
      return "the disk is full";
    case "EBADF":
      return "it is closed";
    case "EIO":
      return "an input/output error occurred";
    default:
      return shortReason(err);
  }
}

interface ProcessLike {
  readonly argv: readonly string[];
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  exitCode?: number | string | null;
  exit(code?: number): never;
}

/**
 * Runs the CLI with the process's streams. A failed write to stdout ends the run at once with one line on
 * stderr and EXIT_OUTPUT_FAILED; a failed write to stderr is ignored (there is nowhere left to say it, and
 * the exit status still tells).
 */
export function runCliProcess(
  runCli: (argv: readonly string[], io: CliIo) => Promise<number>,
  proc: ProcessLike = process,
  extra: Omit<CliIo, "stdout" | "stderr"> = {},
): Promise<void> {
  let stdoutFailed = false;
  const stdoutFailure = (err: unknown) => {
    if (stdoutFailed) return;
    stdoutFailed = true;
    try {
      proc.stderr.write(`cte-check: could not write the report to standard output: ${writeFailureReason(err)}.\n`);
    } catch {
      // stderr failed too: the exit status is all that is left.
    }
    proc.exit(EXIT_OUTPUT_FAILED);
  };
  proc.stdout.on("error", stdoutFailure);
  proc.stderr.on("error", () => undefined);
  const io: CliIo = {
    ...extra,
    stdout: (text) => {
      if (stdoutFailed) return;
      try {
        proc.stdout.write(text);
      } catch (err) {
        stdoutFailure(err);
      }
    },
    stderr: (text) => {
      try {
        proc.stderr.write(text);
      } catch {
        // ignored, as above
      }
    },
  };
  return runCli(proc.argv.slice(2), io).then((code) => {
    if (!stdoutFailed) proc.exitCode = code;
  });
}
