import { http, HttpResponse } from 'msw';
import {
  EXPORT_ROW_LIMIT_HEADER,
  historyExportQuerySchema,
  latestOrdersExportQuerySchema,
  workflowParamsSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import {
  MockBackend,
  answering,
  matches,
  pathOf,
  queryOfRequest,
} from './backend';

/** The backend's default row limit of an export. */
const ROW_LIMIT = 100_000;

/** A field as the backend writes it: quoted when needed, formulas guarded, unknown as empty. */
function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV of `rows`, header first, each record ended by CRLF. */
function csvOf(header: string[], rows: Array<Array<string | number | null>>) {
  return [header, ...rows]
    .map(row => `${row.map(field).join(',')}\r\n`)
    .join('');
}

/** The answer of an export: the CSV as a download named `filename`. */
function csvAnswer(filename: string, csv: string) {
  return new HttpResponse(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      [EXPORT_ROW_LIMIT_HEADER]: String(ROW_LIMIT),
    },
  });
}

const today = () => new Date().toISOString().slice(0, 10);

const ORDER_HEADER = [
  'Direction',
  'Quantity',
  'Price',
  'Asset code',
  'Order type',
  'Order id',
];

/**
 * `GET /workflows/:workflowId/orders.csv` and `GET /latest-orders.csv`: every order the filters
 * select, as the backend's CSV exports answer them.
 */
export function exportHandlers(backend: MockBackend) {
  return [
    http.get(
      `${backend.base}/workflows/:workflowId/orders.csv`,
      answering(async ({ params, request }) => {
        const { workflowId } = pathOf(workflowParamsSchema, params);
        const { sort, direction, code } = queryOfRequest(
          historyExportQuerySchema,
          request,
        );
        const workflow = await backend.read(
          workflowId,
          `exporting the orders of workflow ${workflowId}`,
        );
        const matching = backend
          .inWindow(workflow)
          .filter(order => matches(order, { direction, code }));
        const orders = sort === 'oldest' ? matching.reverse() : matching;
        const rows = orders.map(order => {
          const item = backend.listItem(workflow, order);
          return [
            item.placed_at,
            item.order_direction,
            item.order_quantity,
            item.order_price,
            item.order_code,
            item.order_type,
            item.id,
          ];
        });
        return csvAnswer(
          `${workflowId}-orders-${today()}.csv`,
          csvOf(['When', ...ORDER_HEADER], rows),
        );
      }),
    ),
    http.get(
      `${backend.base}/latest-orders.csv`,
      answering(async ({ request }) => {
        const { direction, code, workflow_ids } = queryOfRequest(
          latestOrdersExportQuerySchema,
          request,
        );
        const rows = backend.workflows
          .filter(workflow => !workflow.hidden)
          .filter(w => !workflow_ids || workflow_ids.includes(w.id))
          .flatMap(workflow => {
            const last = backend.inWindow(workflow)[0];
            return last ? [{ workflow, last }] : [];
          })
          .filter(({ last }) => matches(last, { direction, code }))
          .sort((a, b) => a.last.secondsAgo - b.last.secondsAgo)
          .map(({ workflow, last }) => {
            const item = backend.listItem(workflow, last);
            return [
              item.placed_at,
              last.unnamed ? null : workflow.name,
              workflow.id,
              item.order_direction,
              item.order_quantity,
              item.order_price,
              item.order_code,
              item.order_type,
              item.id,
            ];
          });
        return csvAnswer(
          `latest-orders-${today()}.csv`,
          csvOf(['When', 'Workflow', 'Workflow id', ...ORDER_HEADER], rows),
        );
      }),
    ),
  ];
}
