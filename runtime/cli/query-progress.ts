/**
 * A progress line on stderr while `atws query` streams (`12,500 Ticket so far, 2,310/s`), only when
 * stderr is a terminal: a pipe or a log file gets nothing, so scripts see only the results.
 */
const EVERY_MS = 250;

export class QueryProgress {
  private readonly started: number;
  private shownAt = 0;
  private shown = false;

  constructor(
    private readonly stream: { readonly isTTY?: boolean; write(text: string): unknown },
    private readonly entity: string,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Called after each result; redraws the line at most every 250 ms. */
  update(count: number): void {
    if (this.stream.isTTY !== true) return;
    const t = this.now();
    if (t - this.shownAt < EVERY_MS) return;
    this.shownAt = t;
    const seconds = (t - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(count / seconds) : 0;
    this.stream.write(`\r${count.toLocaleString('en-US')} ${this.entity} so far, ${rate.toLocaleString('en-US')}/s\x1b[K`);
    this.shown = true;
  }

  /** Clears the line, so that the shell prompt or the table's last line is not overwritten. */
  end(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
  }
}
