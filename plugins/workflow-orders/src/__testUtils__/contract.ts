import { ErrorResponseBody, parseErrorResponseBody } from '@backstage/errors';
import {
  healthResponseSchema,
  latestOrdersResponseSchema,
  summariesResponseSchema,
  workflowActivitySchema,
  workflowOrderDetailSchema,
  workflowOrderHistoryResponseSchema,
} from '@workflow-orders/plugin-workflow-orders-common';

/*
 * What the contract test (src/mocks/contract.test.ts) sends to both backends, and how it compares
 * their answers.
 */

/** An answer as a client reads it. */
export interface Answer {
  path: string;
  status: number;
  contentType: string | null;
  text: string;
}

/** Sends a request to one backend: a GET of `path`, or a POST of `body` to it. */
export type Send = (path: string, body?: unknown) => Promise<Answer>;

/** The requests of one case; the answer compared is the last one's. */
export type Exchange = (send: Send) => Promise<Answer>;

/** A GET. */
export const get =
  (path: string): Exchange =>
  send =>
    send(path);

/** A POST of `body`. */
export const post =
  (path: string, body: unknown): Exchange =>
  send =>
    send(path, body);

/**
 * The `next_cursor` of the first page of `from`, sent with the query of `to` (`from` by default):
 * each backend gets a cursor of its own.
 */
export const withCursorOf =
  (from: string, to = from): Exchange =>
  async send => {
    const first = await send(from);
    const cursor = encodeURIComponent(JSON.parse(first.text).next_cursor);
    return send(`${to}${to.includes('?') ? '&' : '?'}cursor=${cursor}`);
  };

/** Sends requests to the backend at `base` with the global fetch. */
export function sendingTo(base: string): Send {
  return async (path, body) => {
    const response = await fetch(
      `${base}${path}`,
      body === undefined
        ? undefined
        : {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    return {
      path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      text: await response.text(),
    };
  };
}

/** The contract's schema of the success body of the route of `path`. */
export function responseSchemaOf(path: string) {
  if (path.startsWith('/latest-orders')) return latestOrdersResponseSchema;
  if (path.startsWith('/orders/')) return workflowOrderDetailSchema;
  if (path.startsWith('/summaries')) return summariesResponseSchema;
  if (path.startsWith('/health')) return healthResponseSchema;
  return path.endsWith('/activity')
    ? workflowActivitySchema
    : workflowOrderHistoryResponseSchema;
}

/** Each value's type (`null` for null), keeping the keys of objects and the elements of arrays. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [key, shapeOf(field)]),
    );
  }
  return typeof value;
}

/** A success body, its `next_cursor` (opaque: each backend signs its own) replaced by its type. */
export function successValues(body: Record<string, unknown>) {
  return 'next_cursor' in body
    ? { ...body, next_cursor: shapeOf(body.next_cursor) }
    : body;
}

/** The error body of an answer as the client's `parseErrorResponseBody` reads it. */
export function readErrorBody(answer: Answer): Promise<ErrorResponseBody> {
  return parseErrorResponseBody(
    new Response(answer.text, {
      status: answer.status,
      headers: answer.contentType ? { 'Content-Type': answer.contentType } : {},
    }),
  );
}

/** A request's path and query, a cursor in it (opaque: each backend's own) replaced by `<cursor>`. */
export function withoutCursor(path: string): string {
  return path.replace(/cursor=[^&]+/, 'cursor=<cursor>');
}

/**
 * An error body with what a client may rely on: the error's name and message, the request (a
 * cursor in its URL being opaque) and the status code; not the `cause` that a backend outside
 * production adds to the error.
 */
export function errorValues(body: ErrorResponseBody) {
  const { error, request } = body;
  return {
    ...body,
    error: { name: error.name, message: error.message },
    request: request && {
      ...request,
      url: withoutCursor(request.url),
    },
  };
}
