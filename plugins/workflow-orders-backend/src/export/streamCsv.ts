import {
  EXPORT_ROW_LIMIT_HEADER,
  EXPORT_TRUNCATED_TRAILER,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { Response } from 'express';
import { once } from 'node:events';
import { csvHeader, csvRow, type CsvColumn } from './csv';
import type { OrderPages } from './orderExports';

/** What {@link streamCsv} wrote. */
export interface StreamedCsv {
  /** Rows written, the header not counted. */
  readonly rows: number;
  /** True when more orders matched than `maxRows`. */
  readonly truncated: boolean;
}

/**
 * Writes the orders of `pages` to `res` as a CSV download named `filename`, a page at a time,
 * waiting for the response to drain when its buffer is full. The first page is read before any
 * header is sent, so a refused or invalid read still answers its own error. At most `maxRows` rows
 * are written; the response then ends with the trailer `X-Workflow-Orders-Truncated: true`.
 */
export async function streamCsv(options: {
  res: Response;
  pages: OrderPages;
  columns: readonly CsvColumn[];
  filename: string;
  maxRows: number;
}): Promise<StreamedCsv> {
  const { res, pages, columns, filename, maxRows } = options;
  let next = await pages.next();

  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader(EXPORT_ROW_LIMIT_HEADER, String(maxRows));
  res.setHeader('Trailer', EXPORT_TRUNCATED_TRAILER);

  const write = async (chunk: string) => {
    // A client that leaves closes the response instead of draining it.
    if (!res.write(chunk)) {
      const settled = new AbortController();
      const { signal } = settled;
      await Promise.race([
        once(res, 'drain', { signal }),
        once(res, 'close', { signal }),
      ]).finally(() => settled.abort());
    }
  };

  await write(csvHeader(columns));
  let rows = 0;
  let truncated = false;
  while (!next.done && !res.destroyed) {
    const room = maxRows - rows;
    const orders = next.value;
    if (orders.length > room) truncated = true;
    const written = orders.slice(0, room);
    if (written.length > 0) {
      await write(written.map(order => csvRow(columns, order)).join(''));
      rows += written.length;
    }
    if (truncated) break;
    next = await pages.next();
    // A full export ends on a page boundary: a further non-empty page is what it left out.
    if (rows === maxRows && !next.done && next.value.length > 0) {
      truncated = true;
      break;
    }
  }
  await pages.return();
  res.addTrailers({ [EXPORT_TRUNCATED_TRAILER]: String(truncated) });
  res.end();
  return { rows, truncated };
}
