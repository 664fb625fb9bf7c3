/**
 * `atws query ... | head -1`: when the reader closes the pipe, the next write fails with EPIPE.
 * The reader has all it wanted, so the command stops there, quietly and successfully, as Unix
 * tools do (without this, Node throws the unhandled 'error' event and prints a stack trace).
 */
export function quietOnClosedStdout(stdout: NodeJS.WriteStream): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
