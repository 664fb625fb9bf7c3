/**
 * Rows of `atws query` written as they come: a JSON array (one entity per line), CSV (RFC 4180
 * quoting) or an aligned table whose column widths are taken from the header and the first rows.
 */
import { UsageError } from '../errors.js';
import { redactKnownSecrets } from '../redaction.js';
import type { EntityBase } from '../entity/entity-base.js';
import type { EntityMeta } from '../metadata.js';

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

const TABLE_SAMPLE = 50;
const MAX_WIDTH = 40;

export class RowWriter {
  private count = 0;
  private pending: Record<string, unknown>[] | undefined;
  private widths: number[] | undefined;
  private readonly columns: readonly string[] | undefined;

  constructor(
    private readonly format: OutputFormat,
    private readonly meta: EntityMeta,
    columns: readonly string[] | undefined,
    private readonly out: NodeJS.WritableStream,
  ) {
    if (columns !== undefined) {
      for (const c of columns) {
        if (!Object.hasOwn(meta.fields, c)) throw new UsageError(`--fields: ${meta.name} has no field "${c}"`);
      }
    }
    this.columns = columns;
    if (format === 'table') this.pending = [];
  }

  async write(row: Record<string, unknown>): Promise<void> {
    if (this.format === 'json') {
      await this.emit(`${this.count === 0 ? '[\n' : ',\n'}${JSON.stringify(row)}`);
    } else if (this.format === 'csv') {
      if (this.count === 0) await this.emit(this.header().map(csvCell).join(',') + '\r\n');
      await this.emit(this.header().map((c) => csvCell(cellText(row[c]))).join(',') + '\r\n');
    } else if (this.pending !== undefined) {
      this.pending.push(row);
      if (this.pending.length >= TABLE_SAMPLE) await this.flushTable();
    } else {
      await this.emit(this.tableLine(this.header().map((c) => cellText(row[c]))));
    }
    this.count++;
  }

  async end(): Promise<void> {
    if (this.format === 'json') await this.emit(this.count === 0 ? '[]\n' : '\n]\n');
    else if (this.format === 'csv' && this.count === 0) await this.emit(this.header().map(csvCell).join(',') + '\r\n');
    else if (this.format === 'table') {
      await this.flushTable();
      await this.emit(`(${this.count} ${this.meta.name}${this.count === 1 ? '' : ' entities'})\n`);
    }
  }

  /** Columns: as asked, else every field of the metadata for CSV, the first few for a table. */
  private header(): readonly string[] {
    if (this.columns !== undefined) return this.columns;
    const all = Object.keys(this.meta.fields);
    return this.format === 'table' ? all.slice(0, 6) : all;
  }

  private async flushTable(): Promise<void> {
    const rows = this.pending;
    if (rows === undefined) return;
    this.pending = undefined;
    const header = this.header();
    this.widths = header.map((c, i) => Math.min(MAX_WIDTH, Math.max(c.length, ...rows.map((r) => cellText(r[header[i] as string]).length))));
    await this.emit(this.tableLine([...header]) + this.widths.map((w) => '-'.repeat(w)).join('-+-') + '\n');
    for (const row of rows) await this.emit(this.tableLine(header.map((c) => cellText(row[c]))));
  }

  private tableLine(cells: string[]): string {
    const widths = this.widths ?? cells.map((c) => c.length);
    return (
      cells
        .map((cell, i) => {
          const width = widths[i] ?? cell.length;
          const flat = cell.replace(/\s+/g, ' ');
          return flat.length > width ? `${flat.slice(0, width - 1)}\u2026` : flat.padEnd(width);
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
