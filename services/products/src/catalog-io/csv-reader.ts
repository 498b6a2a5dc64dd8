import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { RowError } from './catalog-io.repository.ts';

/** One data row of the file: its cells by header name, or why the parser could not read it. */
export type CsvRow =
  | { row: number; cells: Record<string, string> }
  | { row: number; error: RowError };

export interface CsvBatch {
  rows: CsvRow[];
  /** Bytes of the file read so far. */
  bytes: number;
}

/** A row longer than this is refused (an unclosed quote would otherwise swallow the rest of the file). */
const MAX_ROW_BYTES = 1_000_000;

/**
 * Reads a CSV stream with csv-parse, in batches of `size` rows: the first record is the header, data rows
 * count from 1. A row the parser cannot read (a stray quote, a wrong number of fields) becomes that row's
 * error and reading goes on; the file is never held whole. A leading BOM is skipped.
 */
export async function* csvBatches(input: Readable, size: number): AsyncGenerator<CsvBatch & { header: string[] }> {
  // Skipped records are reported by a callback as they happen; err.records counts the records read before.
  const skipped: Array<{ records: number; row: number; message: string }> = [];
  const parser = input.pipe(parse({
    bom: true, skip_empty_lines: true, info: true, skip_records_with_error: true, max_record_size: MAX_ROW_BYTES,
    on_skip: (err) => {
      if (err) skipped.push({ records: (err as { records?: number }).records ?? 0, row: ((err as { records?: number }).records ?? 0) + skipped.length, message: err.message });
    },
  }));
  let header: string[] | null = null;
  let taken = 0; // skipped rows already placed in a batch
  let rows: CsvRow[] = [];
  const takeSkipped = (before: number) => {
    while (taken < skipped.length && skipped[taken].records < before) {
      const s = skipped[taken++];
      rows.push({ row: s.row, error: { row: s.row, column: '', message: `the CSV is malformed: ${s.message}` } });
    }
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number; bytes: number } }>) {
    if (!header) {
      header = record.map((name) => name.trim());
      continue;
    }
    takeSkipped(info.records);
    const row = info.records - 1 + taken;
    rows.push({ row, cells: Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])) });
    if (rows.length >= size) {
      yield { header, rows, bytes: info.bytes };
      rows = [];
    }
  }
  takeSkipped(Number.POSITIVE_INFINITY);
  yield { header: header ?? [], rows, bytes: Number.POSITIVE_INFINITY };
}
