/**
 * The one-line form of an order a writer could not store: in a recorder's spill file, and in an AWS
 * Lambda function's log, where `table:replay` finds it again. A fixed marker, then JSON:
 *
 * `WORKFLOW_ORDERS_UNSTORED {"v":1,"table":"workflow_orders","reason":"...","order":{...}}`
 *
 * The marker lets a replay pick these lines out of a whole log export, whatever Lambda, CloudWatch
 * Logs or the AWS CLI wrapped around them.
 */

/** The text every line of an unstored order starts its payload with. @public */
export const UNSTORED_ORDER_MARKER = 'WORKFLOW_ORDERS_UNSTORED';

/** An order a writer could not store, and why. @public */
export interface UnstoredOrder {
  /** The table the order was meant for. */
  readonly table: string;
  /** Why it was not stored, e.g. `flush deadline reached` or `queue full`. */
  readonly reason: string;
  /** The order's item as the writer validated it, with its id. */
  readonly order: Readonly<Record<string, unknown>>;
}

/** What one line of an input turned out to be. @public */
export type UnstoredLine =
  | {
      readonly kind: 'order';
      readonly line: number;
      readonly entry: UnstoredOrder;
    }
  | {
      readonly kind: 'unreadable';
      readonly line: number;
      readonly problem: string;
    }
  | { readonly kind: 'foreign'; readonly line: number };

const VERSION = 1;

/** The line for `entry`, without a line break. @public */
export function formatUnstoredLine(entry: UnstoredOrder): string {
  const { table, reason, order } = entry;
  return `${UNSTORED_ORDER_MARKER} ${JSON.stringify({ v: VERSION, table, reason, order })}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The payload after the marker, up to its last brace (a log line may carry more after it). */
function payloadOf(text: string): unknown {
  const start = text.indexOf(UNSTORED_ORDER_MARKER);
  if (start < 0) return undefined;
  const rest = text.slice(start + UNSTORED_ORDER_MARKER.length);
  const open = rest.indexOf('{');
  const close = rest.lastIndexOf('}');
  return open < 0 || close < open
    ? undefined
    : tryJson(rest.slice(open, close + 1));
}

/**
 * Strings inside a line that is JSON itself or one member of a pretty-printed JSON document: the
 * `message` of Lambda's JSON log format, or of `aws logs filter-log-events`' output.
 */
function embeddedStrings(text: string): string[] {
  const trimmed = text.trim().replace(/,$/, '');
  const parsed = tryJson(trimmed) ?? tryJson(`{${trimmed}}`);
  const found: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') found.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) Object.values(value).forEach(visit);
  };
  visit(parsed);
  return found.filter(value => value.includes(UNSTORED_ORDER_MARKER));
}

function toEntry(payload: unknown): UnstoredOrder | string {
  if (!isObject(payload)) return 'not a JSON object after the marker';
  if (payload.v !== VERSION) return `version ${String(payload.v)} is not 1`;
  if (typeof payload.table !== 'string' || payload.table === '') {
    return 'no table';
  }
  if (!isObject(payload.order)) return 'no order';
  const reason = typeof payload.reason === 'string' ? payload.reason : '';
  return { table: payload.table, reason, order: payload.order };
}

/** Reads the line numbered `line` (from 1): an unstored order, an unreadable one, or foreign text. @public */
export function readUnstoredLine(text: string, line: number): UnstoredLine {
  if (!text.includes(UNSTORED_ORDER_MARKER)) return { kind: 'foreign', line };
  const candidates = [text, ...embeddedStrings(text)];
  let problem = 'truncated or not JSON after the marker';
  for (const candidate of candidates) {
    const payload = payloadOf(candidate);
    if (payload === undefined) continue;
    const entry = toEntry(payload);
    if (typeof entry !== 'string') return { kind: 'order', line, entry };
    problem = entry;
  }
  return { kind: 'unreadable', line, problem };
}
