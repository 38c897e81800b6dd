import { HttpResponse } from 'msw';
import {
  ErrorResponseBody,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
  serializeError,
} from '@backstage/errors';
import {
  RequestPart,
  describeRequestIssues,
} from '@workflow-orders/plugin-workflow-orders-common';

/*
 * The errors the workflow-orders backend answers, made as it makes them: the same error classes, the
 * contract's describeRequestIssues for a request that does not parse, and the body of Backstage's
 * error middleware. The texts that only the backend knows are checked against it by
 * contract.test.ts, so they cannot drift.
 */

/** The status the backend's error middleware gives each error the mock throws. */
const STATUS_OF_ERROR: Record<string, number> = {
  InputError: 400,
  NotFoundError: 404,
  ServiceUnavailableError: 503,
};

/**
 * The answer the backend's error middleware writes for `error` thrown while serving `request`; the
 * plugin's router writes the URL as it saw it, below `/api/workflow-orders`.
 */
export function errorAnswer(request: Request, error: Error): Response {
  const statusCode = STATUS_OF_ERROR[error.name] ?? 500;
  const { pathname, search } = new URL(request.url);
  const url = `${pathname.replace(/^.*?\/api\/workflow-orders(?=\/)/, '')}${search}`;
  const body: ErrorResponseBody = {
    error: serializeError(error),
    request: { method: request.method, url },
    response: { statusCode },
  };
  return HttpResponse.json(body, { status: statusCode });
}

/** The part of a zod schema the mock needs, so it depends on the shared schemas only. */
export type RequestSchema<T> = {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: Parameters<typeof describeRequestIssues>[0] };
};

/** A request part parsed with the contract's schema, or the backend's 400 for it, thrown. */
export function parseInput<T>(
  schema: RequestSchema<T>,
  value: unknown,
  part: RequestPart,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InputError(describeRequestIssues(parsed.error, part));
}

/** The 404 of a workflow that does not exist or that the user may not see: the two look alike. */
export const workflowNotFound = (workflowId: string) =>
  new NotFoundError(`No workflow ${workflowId} was found`);

/** The 404 of an unknown or expired order, or of an order of a workflow the user may not see. */
export const orderNotFound = (orderId: string) =>
  new NotFoundError(
    `No order ${orderId}: it does not exist or expired after 7 days`,
  );

/** The 503 of an order store that does not answer, while doing `action`. */
export const storeUnavailable = (action: string) =>
  new ServiceUnavailableError(
    `DynamoDB did not answer (while ${action}); try again shortly`,
  );

/** The 400 of a cursor the backend did not issue. */
export const cursorNotValid = () =>
  new InputError(
    'cursor is not valid: use the next_cursor of a previous page as it is',
  );

/** The 400 of a history cursor issued for another workflow. */
export const cursorOfAnotherWorkflow = (workflowId: string) =>
  new InputError(
    `cursor belongs to another workflow than ${workflowId}; start again without a cursor`,
  );

/** The 400 of a cursor issued for another sort or filter (the latest orders have no sort). */
export const cursorOfAnotherScope = (what: 'sort or filter' | 'filter') =>
  new InputError(
    `cursor belongs to another ${what}; start again without a cursor`,
  );
