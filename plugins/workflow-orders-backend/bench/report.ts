import { benchResult, type BenchResult } from '@workflow-orders/test-utils';
import type { LaterPageFigures } from './history';
import type { ListFigures, ListWithoutLatency } from './list';
import { LOAD_CLIENTS, LOAD_SECONDS, type LoadFigures } from './load';
import { BUSY_ORDERS, HISTORY_ORDERS, IDLE_ORDERS, WORKFLOWS } from './seed';
import { median, ms, percentile } from './support/measure';

/** Everything the list, the history pages and the load measured. */
export interface BackendFigures {
  readonly list: ListFigures;
  readonly listWithoutLatency: ListWithoutLatency;
  readonly history: number[];
  readonly historyWithoutLatency: number[];
  readonly later: LaterPageFigures;
  readonly load: LoadFigures;
}

/** Prints the table of the list, history pages and load, with DynamoDB `latencyMs` away. */
export function printBackendTable(f: BackendFigures, latencyMs: number) {
  const { measured, authorized } = f.list;
  const original500 = median(f.list.theirs);
  const row = (measure: string, result: string) => ({ measure, result });
  const speedUp = (measure: string, oursMs: number) =>
    row(measure, `${(original500 / oursMs).toFixed(1)}x`);
  const summaries = `POST /summaries, ${WORKFLOWS} workflows, a quarter never traded`;
  const noLatency = f.listWithoutLatency;
  console.log(
    `\nworkflow-orders backend, DynamoDB latency ${latencyMs} ms per call, measured over HTTP\n`,
  );
  console.table([
    row(
      `${summaries}, default: first request (median of ${measured.default.firsts.map(ms).join(', ')})`,
      ms(measured.default.first),
    ),
    row(
      'the same, default: later requests (median of 5)',
      ms(median(measured.default.later)),
    ),
    row(
      `the same, latestOrderItems complete: first request (median of ${measured.complete.firsts.map(ms).join(', ')})`,
      ms(measured.complete.first),
    ),
    row(
      'the same, latestOrderItems complete: later requests (median of 5)',
      ms(median(measured.complete.later)),
    ),
    row(
      'the same, default, authorization off (no entity, allow-all): later requests (median of 5)',
      ms(median(authorized.off)),
    ),
    row(
      `the same, default, authorization on (catalog query + one authorize, each +${latencyMs} ms): later requests (median of 5)`,
      ms(median(authorized.on)),
    ),
    row(
      `original: ${WORKFLOWS} queries one after another (median of 2)`,
      ms(original500),
    ),
    row('DynamoDB requests, first request: default', measured.default.requests),
    row(
      'DynamoDB requests, first request: complete',
      measured.complete.requests,
    ),
    row(
      'later request vs original without added latency (CPU only): default, complete, original',
      `${ms(noLatency.ours)}, ${ms(noLatency.complete)}, ${ms(noLatency.theirs)}`,
    ),
    speedUp('speed-up, default: first request', measured.default.first),
    speedUp(
      'speed-up, default: later requests',
      median(measured.default.later),
    ),
    speedUp('speed-up, complete: first request', measured.complete.first),
    speedUp(
      'speed-up, complete: later requests',
      median(measured.complete.later),
    ),
    row(
      `history page, limit 20 of ${HISTORY_ORDERS}: p50`,
      ms(percentile(f.history, 50)),
    ),
    row(
      `history page, limit 20 of ${HISTORY_ORDERS}: p95`,
      ms(percentile(f.history, 95)),
    ),
    row(
      'history page without added latency: p50',
      ms(percentile(f.historyWithoutLatency, 50)),
    ),
    row(
      'history page without added latency: p95',
      ms(percentile(f.historyWithoutLatency, 95)),
    ),
    row(
      `${LOAD_SECONDS} s load, ${LOAD_CLIENTS} clients: requests/s`,
      (f.load.samples.length / (f.load.ms / 1000)).toFixed(0),
    ),
    row('load: p50', ms(percentile(f.load.samples, 50))),
    row('load: p99', ms(percentile(f.load.samples, 99))),
    row('load: errors', String(f.load.errors)),
    row(
      `later history page, ${BUSY_ORDERS} orders: p50 (DynamoDB: ${f.later.requests})`,
      ms(median(f.later.busy)),
    ),
    row(
      `later history page, ${IDLE_ORDERS} orders: p50`,
      ms(median(f.later.idle)),
    ),
  ]);
}

/** The measures of the list, history pages and load against their targets. */
export function backendResults(f: BackendFigures): BenchResult[] {
  const { measured, authorized } = f.list;
  const original500 = median(f.list.theirs);
  return [
    benchResult(
      'history_p95_ms',
      percentile(f.historyWithoutLatency, 95),
      'ms',
      '< 15',
    ),
    benchResult(
      'history_later_page_items_returned',
      f.later.itemsReturned,
      'items',
      '<= 21',
    ),
    benchResult(
      'history_busy_vs_idle_ratio',
      median(f.later.busy) / median(f.later.idle),
      'x',
      '<= 1.2',
    ),
    benchResult(
      'load_req_per_s',
      f.load.samples.length / (f.load.ms / 1000),
      'req/s',
      '>= 400',
    ),
    benchResult('load_p99_ms', percentile(f.load.samples, 99), 'ms', '<= 150'),
    benchResult('load_errors', f.load.errors, 'errors', '== 0'),
    benchResult(
      'list_first_default_speedup',
      original500 / measured.default.first,
      'x',
      '>= 20',
    ),
    benchResult(
      'list_first_complete_speedup',
      original500 / measured.complete.first,
      'x',
      '>= 80',
    ),
    benchResult('list_later_ms', median(authorized.on), 'ms', '<= 45'),
  ];
}
