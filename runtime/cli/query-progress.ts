/**
 * A progress line on stderr while `atws query` streams (`12,500 Ticket so far, 2,310/s`), only when
 * stderr is a terminal: a pipe or a log file gets nothing, so scripts see only the results.
 */
const EVERY_MS = 250;

export class QueryProgress {
  /** When the first result came, and how many had come by then (the rate counts from there). */
  private first: { readonly at: number; readonly count: number } | undefined;
  private shownAt = 0;
  private shown = false;

  constructor(
    private readonly stream: { readonly isTTY?: boolean; write(text: string): unknown },
    private readonly entity: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Called after each result; redraws the line at most every 250 ms. The clock starts at the first
   * result, not at the start: the wait for the first page is latency, not throughput, and a rate
   * over it reads "1 Ticket so far, 5/s". So the first line comes 250 ms after the first result (a
   * short query shows none), its rate over the results since then.
   */
  update(count: number): void {
    if (this.stream.isTTY !== true) return;
    const t = this.now();
    if (this.first === undefined) {
      this.first = { at: t, count };
      return;
    }
    if (t - (this.shown ? this.shownAt : this.first.at) < EVERY_MS) return;
    this.shownAt = t;
    const rate = Math.round(((count - this.first.count) * 1000) / (t - this.first.at));
    this.stream.write(`\r${count.toLocaleString('en-US')} ${this.entity} so far, ${rate.toLocaleString('en-US')}/s\x1b[K`);
    this.shown = true;
  }

  /** Clears the line, so that the shell prompt or the table's last line is not overwritten. */
  end(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
  }
}
