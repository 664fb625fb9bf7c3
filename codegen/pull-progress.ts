/**
 * Progress of `atws codegen pull` on stderr. A live pull makes one GetFieldInfo call per entity
 * (and getUDFInfo per entity with UDFs): seconds against a real zone, silent without this. On a
 * terminal it is one line redrawn in place (`fields: 57 of 128 entities done`), cleared at the end;
 * in a pipe or a log every step is a line of its own, and the per-entity count is left out.
 * Only counts, entity names and public URLs reach it, never credentials.
 */
export interface PullProgressSink {
  /** A step begins or ends (`getEntityInfo: 128 entities`). */
  step(text: string): void;
  /** Another entity's fields (and UDFs) are in. */
  entities(done: number, total: number): void;
}

const PREFIX = 'atws codegen pull: ';

export class PullProgress implements PullProgressSink {
  private shown = false;

  constructor(private readonly stream: { readonly isTTY?: boolean; write(text: string): unknown }) {}

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  step(text: string): void {
    if (this.tty) this.redraw(text);
    else this.stream.write(`${PREFIX}${text}\n`);
  }

  entities(done: number, total: number): void {
    if (this.tty) this.redraw(`fields: ${done} of ${total} entities done`);
  }

  /** A line to keep (a disagreement): on a terminal it goes above the progress line, which it clears first. */
  line(text: string): void {
    this.end();
    this.stream.write(`${text}\n`);
  }

  /** Clears the progress line, so that what follows starts at the left margin. */
  end(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  private redraw(text: string): void {
    this.stream.write(`\r${PREFIX}${text}\x1b[K`);
    this.shown = true;
  }
}
