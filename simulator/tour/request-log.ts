/**
 * The tour's account of how a query feeding an update interleaves, in python-atws's words ("query 1
 * returns ticket ids 1-500", "ticket ids 1-200 submitted", ...), taken from what really happened:
 * the connection's debug lines tell when each query was answered and each update packet went out,
 * and the tickets flowing from the query into the update tell which ids each one held.
 */

const SENT = /^atws -> (\w+) #(\d+) /;
const ANSWERED = /^atws <- (\w+) #\d+ HTTP (\d+) /;

interface QueryEvent {
  readonly kind: 'query';
  readonly number: number;
  readonly ids: number[];
}
interface UpdateEvent {
  readonly kind: 'update';
  readonly number: number;
  readonly ids: readonly number[];
}

/** "1-500", or "1-3, 7, 9-12" when the ids have gaps. */
export function idRanges(ids: readonly number[]): string {
  const sorted = [...ids].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.length === 0 ? '(none)' : parts.join(', ');
}

/**
 * Records one query-into-update run. Feed it every debug line of the connection (`line`), every
 * ticket the query yields (`queried`) and every ticket handed on to the update (`handedOn`).
 *
 * @example
 * const log = new InterleavingLog(); const at = await connect({ ..., debug: (l) => log.line(l) });
 */
export class InterleavingLog {
  /**
   * @param onePerRequest the wire writes one entity per request (REST's PATCH): consecutive
   *   writes are told as one line, not one line each.
   */
  constructor(private readonly options: { readonly onePerRequest?: boolean } = {}) {}

  private readonly events: Array<QueryEvent | UpdateEvent> = [];
  private queries = 0;
  private updates = 0;
  private pending: number[] = [];
  private recording = false;

  /** Starts recording (lines before are ignored, so that earlier steps do not count). */
  start(): void {
    this.recording = true;
  }

  /** Stops recording. */
  stop(): void {
    this.recording = false;
  }

  /** A debug line of the connection. */
  line(text: string): void {
    if (!this.recording) return;
    const answered = ANSWERED.exec(text);
    if (answered?.[1] === 'query') {
      this.events.push({ kind: 'query', number: ++this.queries, ids: [] });
      return;
    }
    const sent = SENT.exec(text);
    // A retry is the same packet again: only first attempts are new packets.
    if (sent?.[1] === 'update' && sent[2] === '1') {
      // The update cursor pulls a packet's entities, then sends it: what was handed on since the last packet is this one.
      this.events.push({ kind: 'update', number: ++this.updates, ids: this.pending });
      this.pending = [];
    }
  }

  /** A ticket the query yielded: it belongs to the last query answered. */
  queried(id: number): void {
    if (!this.recording) return;
    const last = this.events.findLast((e): e is QueryEvent => e.kind === 'query');
    last?.ids.push(id);
  }

  /** A ticket handed on to the update (pulled by its cursor). */
  handedOn(id: number): void {
    if (this.recording) this.pending.push(id);
  }

  /** The run in python-atws's words, one line per request (per run of writes, one entity each, when written one per request). */
  lines(): string[] {
    if (this.options.onePerRequest !== true) {
      return this.events.map((e) =>
        e.kind === 'query'
          ? `query #${e.number} returns ticket ids ${idRanges(e.ids)}`
          : `ticket ids ${idRanges(e.ids)} are submitted for processing (update packet #${e.number})`,
      );
    }
    const lines: string[] = [];
    let run: UpdateEvent[] = [];
    const endRun = (): void => {
      if (run.length === 0) return;
      const first = (run[0] as UpdateEvent).number;
      const last = (run[run.length - 1] as UpdateEvent).number;
      lines.push(
        `ticket ids ${idRanges(run.flatMap((e) => e.ids))} are submitted, one PATCH each (PATCH #${first}${last === first ? '' : `-#${last}`})`,
      );
      run = [];
    };
    for (const e of this.events) {
      if (e.kind === 'update') {
        run.push(e);
        continue;
      }
      endRun();
      lines.push(`query #${e.number} returns ticket ids ${idRanges(e.ids)}`);
    }
    endRun();
    return lines;
  }

  /** How many queries and update packets went out. */
  counts(): { readonly queries: number; readonly updates: number } {
    return { queries: this.queries, updates: this.updates };
  }
}
