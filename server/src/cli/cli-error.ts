/** Exit codes: 0 success, 1 unexpected failure, 2 rejected input (nothing changed). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_REJECTED = 2;

/**
 * A refusal the command line explains itself. Kept apart from output.ts so that declaring the
 * commands loads nothing heavy (`cerise --help` starts fast: docs/performance.md).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_REJECTED,
  ) {
    super(message);
  }
}
