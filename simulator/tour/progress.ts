/**
 * Progress of a long action for the tour: a redrawn bar on a terminal, plain lines otherwise
 * (a log file or CI would fill with carriage returns).
 */
export interface Progress {
  update(done: number): void;
  finish(message: string): void;
}

export function progress(label: string, total: number, out: NodeJS.WriteStream = process.stdout): Progress {
  const width = 30;
  let lastLine = 0;
  return {
    update(done) {
      if (out.isTTY) {
        const filled = Math.round((done / total) * width);
        out.write(`\r  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      } else if (done === total || Math.floor(done / 200) !== lastLine) {
        lastLine = Math.floor(done / 200);
        out.write(`  ${label}: ${done}/${total}\n`);
      }
    },
    finish(message) {
      out.write(`${out.isTTY ? '\n' : ''}  ${message}\n`);
    },
  };
}
