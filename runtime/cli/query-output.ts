/**
 * Rows of `atws query` written as they come: a JSON array (one entity per line), CSV (RFC 4180
 * quoting) or an aligned table whose column widths are taken from the header and the first rows.
 */
import stringWidth from 'string-width';
import { REDACTED, redactKnownSecrets } from '../protocol/redaction.js';
import type { EntityBase } from '../entity/entity-base.js';
import { cellOf, columnHeader, type Column } from './query-columns.js';

export type OutputFormat = 'json' | 'csv' | 'table';

/** An entity as the plain JSON the output writes (dates in ISO UTC, UDFs under UserDefinedFields). */
export function formatRow(entity: EntityBase): Record<string, unknown> {
  return entity.toJSON();
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const ISO_INSTANT = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d)?(\.\d+)?Z$/;

/** A table cell: as {@link cellText}, instants shortened for reading (`2024-01-05 14:00Z`, seconds only when not zero). */
function tableCellText(value: unknown): string {
  const text = cellText(value);
  const m = ISO_INSTANT.exec(text);
  if (m === null) return text;
  const fraction = m[4] !== undefined && !/^\.0+$/.test(m[4]) ? m[4] : '';
  const seconds = m[3] === undefined || (m[3] === ':00' && fraction === '') ? '' : `${m[3]}${fraction}`;
  return `${m[1]} ${m[2]}${seconds}Z`;
}

/** What a spreadsheet takes for the start of a formula when a cell begins with it. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A CSV cell (RFC 4180 quoting). Text a spreadsheet would run as a formula (`=cmd|calc!A1`,
 * `+1`, `@SUM(...)`, `-2+3`: a field holds what anyone typed into Autotask) is guarded as OWASP's
 * CSV injection advice has it: a leading `'`, which spreadsheets show as text, and quoted. A
 * number (`-5`) is data, not a formula, and stays as it is.
 */
function csvCell(text: string): string {
  const guarded = FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
  return guarded !== text || /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A JSON row cut to the asked columns: fields by name, UDFs under UserDefinedFields as the API groups them. */
function projected(row: Record<string, unknown>, columns: readonly Column[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const udfs: Record<string, unknown> = {};
  for (const c of columns) {
    const value = cellOf(row, c) ?? null;
    if (c.udf) udfs[c.name] = value;
    else out[c.name] = value;
  }
  if (columns.some((c) => c.udf)) out['UserDefinedFields'] = udfs;
  return out;
}

const TABLE_SAMPLE = 50;
const MAX_WIDTH = 40;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** A table cell on one line: runs of white space (line ends, tabs) become one space. */
const flat = (cell: string): string => cell.replace(/\s+/g, ' ');

/**
 * A cell padded or cut to `width` terminal columns, measured as a terminal shows them (CJK and
 * most emoji take two, combining marks none): cut between graphemes, with an ellipsis, and never
 * inside a `[REDACTED]` mark (the cut is made before it).
 */
function fitted(cell: string, width: number): string {
  const used = stringWidth(cell);
  if (used <= width) return cell + ' '.repeat(width - used);
  let out = '';
  let taken = 0;
  for (const { segment } of graphemes.segment(cell)) {
    const w = stringWidth(segment);
    if (taken + w > width - 1) break;
    out += segment;
    taken += w;
  }
  const mark = cell.lastIndexOf(REDACTED, out.length - 1);
  if (mark >= 0 && mark + REDACTED.length > out.length) {
    out = out.slice(0, mark);
    taken = stringWidth(out);
  }
  return `${out}\u2026${' '.repeat(width - 1 - taken)}`;
}

export class RowWriter {
  private count = 0;
  private pending: Record<string, unknown>[] | undefined;
  private widths: number[] | undefined;

  /** `columns`: those of CSV and table output, and for JSON (when given) the fields and UDFs each row keeps. */
  constructor(
    private readonly format: OutputFormat,
    private readonly entityName: string,
    private readonly columns: readonly Column[] | undefined,
    private readonly out: NodeJS.WritableStream,
  ) {
    if (format === 'table') this.pending = [];
  }

  async write(row: Record<string, unknown>): Promise<void> {
    if (this.format === 'json') {
      await this.emit(`${this.count === 0 ? '[\n' : ',\n'}${JSON.stringify(this.columns === undefined ? row : projected(row, this.columns))}`);
    } else if (this.format === 'csv') {
      if (this.count === 0) await this.emit(this.header().map(csvCell).join(',') + '\r\n');
      await this.emit(
        this.cols()
          .map((c) => csvCell(cellText(cellOf(row, c))))
          .join(',') + '\r\n',
      );
    } else if (this.pending !== undefined) {
      this.pending.push(row);
      if (this.pending.length >= TABLE_SAMPLE) await this.flushTable();
    } else {
      await this.emit(this.tableLine(this.cols().map((c) => tableCellText(cellOf(row, c)))));
    }
    this.count++;
  }

  /** Completes the output (JSON's closing bracket, a table's last rows and count); `interrupted` says so in a table's count. */
  async end(interrupted = false): Promise<void> {
    if (this.format === 'json') await this.emit(this.count === 0 ? '[]\n' : '\n]\n');
    else if (this.format === 'csv' && this.count === 0) await this.emit(this.header().map(csvCell).join(',') + '\r\n');
    else if (this.format === 'table') {
      await this.flushTable();
      await this.emit(`(${this.count} ${this.entityName}${this.count === 1 ? '' : ' entities'}${interrupted ? ', interrupted' : ''})\n`);
    }
  }

  private cols(): readonly Column[] {
    return this.columns ?? [];
  }

  private header(): readonly string[] {
    return this.cols().map(columnHeader);
  }

  private async flushTable(): Promise<void> {
    const rows = this.pending;
    if (rows === undefined) return;
    this.pending = undefined;
    const header = this.header();
    const cols = this.cols();
    this.widths = cols.map((c, i) =>
      Math.min(MAX_WIDTH, Math.max(stringWidth(header[i] as string), ...rows.map((r) => stringWidth(flat(tableCellText(cellOf(r, c))))))),
    );
    await this.emit(this.tableLine([...header]) + this.widths.map((w) => '-'.repeat(w)).join('-+-') + '\n');
    for (const row of rows) await this.emit(this.tableLine(cols.map((c) => tableCellText(cellOf(row, c)))));
  }

  private tableLine(cells: string[]): string {
    const widths = this.widths ?? cells.map((c) => stringWidth(flat(c)));
    return (
      cells
        .map((cell, i) => {
          // Redacted before the cut, so that a secret straddling it is hidden whole, never shown in part.
          const text = redactKnownSecrets(flat(cell));
          return fitted(text, widths[i] ?? stringWidth(text));
        })
        .join(' | ')
        .trimEnd() + '\n'
    );
  }

  private emit(line: string): Promise<void> {
    // Rows quote the answer, which a misbehaving server may have filled with what it was sent.
    const text = redactKnownSecrets(line);
    if (this.out.write(text)) return Promise.resolve();
    return new Promise((resolve) => this.out.once('drain', () => resolve()));
  }
}
