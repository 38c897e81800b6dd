import { InputError } from '@backstage/errors';
import {
  describeRequestIssues,
  type RequestPart,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { z } from 'zod';

/**
 * Parses a part of a request with one of the common request schemas, or throws an `InputError` with
 * the message the frontend's mock backend gives too, such as `workflowId must be a UUID`,
 * `limit must be between 1 and 100` or `unknown field colour`.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  part: RequestPart,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InputError(describeRequestIssues(parsed.error, part));
}
