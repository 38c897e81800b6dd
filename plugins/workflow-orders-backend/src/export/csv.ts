import type { WorkflowOrderRecord } from '@workflow-orders/table';
import { isoTime } from '../service/responses';

/** A value of a CSV field: text, a number as stored, or nothing (an empty field). */
export type CsvValue = string | number | null | undefined;

/** Characters a spreadsheet reads as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Characters that make a field need quotes (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, its quotes
 * doubled. Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
 * or a carriage return) is prefixed with a single quote, so it opens as text. Numbers are written
 * with `String()`, which gives back exactly the number stored; they are never guarded, so a
 * negative number stays a number.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record: the fields joined by commas, ended by CRLF (RFC 4180). */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A column of an export: its header and the value it takes from an order. */
export interface CsvColumn {
  readonly label: string;
  readonly value: (order: WorkflowOrderRecord) => CsvValue;
}

/** The columns an order has in every export, named as the screens label them. */
const ORDER_COLUMNS: readonly CsvColumn[] = [
  { label: 'When', value: order => isoTime(order.placed_at) },
  { label: 'Direction', value: order => order.order_direction },
  { label: 'Quantity', value: order => order.order_quantity },
  { label: 'Price', value: order => order.order_price },
  { label: 'Asset code', value: order => order.order_code },
  { label: 'Order type', value: order => order.order_type },
  { label: 'Order id', value: order => order.id },
];

/** The columns of a workflow's history (the Orders tab). */
export const HISTORY_COLUMNS: readonly CsvColumn[] = ORDER_COLUMNS;

/** The columns of the latest orders (the Workflow orders page): the order's workflow second. */
export const LATEST_ORDER_COLUMNS: readonly CsvColumn[] = [
  ORDER_COLUMNS[0],
  { label: 'Workflow', value: order => order.workflow_name },
  { label: 'Workflow id', value: order => order.workflow_id },
  ...ORDER_COLUMNS.slice(1),
];

/** The header line of an export with `columns`. */
export function csvHeader(columns: readonly CsvColumn[]): string {
  return csvLine(columns.map(column => column.label));
}

/** The line of one order in an export with `columns`. */
export function csvRow(
  columns: readonly CsvColumn[],
  order: WorkflowOrderRecord,
): string {
  return csvLine(columns.map(column => column.value(order)));
}
