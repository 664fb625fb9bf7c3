/**
 * Rows of `atws query` written as they come: a JSON array (one entity per line), CSV (RFC 4180
 * quoting) or an aligned table whose column widths are taken from the header and the first rows.
 */
import { quote, redactKnownSecrets } from '../protocol/redaction.js';
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

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
      await this.emit(this.cols().map((c) => csvCell(cellText(cellOf(row, c)))).join(',') + '\r\n');
    } else if (this.pending !== undefined) {
      this.pending.push(row);
      if (this.pending.length >= TABLE_SAMPLE) await this.flushTable();
    } else {
      await this.emit(this.tableLine(this.cols().map((c) => cellText(cellOf(row, c)))));
    }
    this.count++;
  }

  async end(): Promise<void> {
    if (this.format === 'json') await this.emit(this.count === 0 ? '[]\n' : '\n]\n');
    else if (this.format === 'csv' && this.count === 0) await this.emit(this.header().map(csvCell).join(',') + '\r\n');
    else if (this.format === 'table') {
      await this.flushTable();
      await this.emit(`(${this.count} ${this.entityName}${this.count === 1 ? '' : ' entities'})\n`);
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
    this.widths = cols.map((c, i) => Math.min(MAX_WIDTH, Math.max((header[i] as string).length, ...rows.map((r) => cellText(cellOf(r, c)).length))));
    await this.emit(this.tableLine([...header]) + this.widths.map((w) => '-'.repeat(w)).join('-+-') + '\n');
    for (const row of rows) await this.emit(this.tableLine(cols.map((c) => cellText(cellOf(row, c)))));
  }

  private tableLine(cells: string[]): string {
    const widths = this.widths ?? cells.map((c) => c.length);
    return (
      cells
        .map((cell, i) => {
          const width = widths[i] ?? cell.length;
          return quote(cell.replace(/\s+/g, ' '), width, '\u2026').padEnd(width);
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
