import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  DEFAULT_HISTORY_LIMIT,
  HISTORY_SORTS,
  historyQuerySchema,
  MAX_HISTORY_LIMIT,
  MAX_SUMMARY_WORKFLOWS,
  ORDER_DIRECTIONS,
  orderParamsSchema,
  summariesRequestSchema,
  workflowParamsSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { z as zv3 } from 'zod/v3';
import type { OrderReads } from '../service/OrderReads';
import type { CursorCodec } from '../service/cursor';
import { createOrderPages } from '../service/orderPages';
import { parseInput } from '../service/validation';
import {
  actionContext,
  cursorInput,
  filtersOf,
  listItemOf,
  nextCursorOutput,
  READ_ONLY,
} from './actionSchemas';
import { registerLatestOrdersAction } from './latestOrdersAction';

const workflowIdInput = (z: typeof zv3) =>
  z
    .string()
    .describe(
      'The workflow id (a UUID): the workflow-orders/workflow-id annotation of its catalog entity',
    );

/**
 * Registers the read-only actions of the workflow-orders plugin: `get-workflow-orders`,
 * `get-order`, `get-last-orders` and `list-latest-orders`. Each reads through the same {@link OrderReads} as the routes, with
 * the credentials of the action's caller: the same permission decisions, the same audit events, and
 * a workflow the caller may not see fails like one that does not exist.
 */
export function registerOrderActions(options: {
  actionsRegistry: ActionsRegistryService;
  reads: OrderReads;
  /** Signs and reads the cursors of the paging actions, as it does the routes'. */
  cursors: CursorCodec;
}): void {
  const { actionsRegistry } = options;
  const pages = createOrderPages(options);

  actionsRegistry.register({
    name: 'get-workflow-orders',
    title: 'Get the recent orders of a trading workflow',
    description: `Lists the orders a trading workflow placed in the last 7 days, newest first (or oldest first), with how many there are in all; optionally only those of one direction or asset code, the count then counting those.
A workflow that does not exist, or whose orders the caller may not see, fails with "not found".`,
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          workflowId: workflowIdInput(z),
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_HISTORY_LIMIT)
            .default(DEFAULT_HISTORY_LIMIT)
            .describe('How many of the newest orders to list'),
          sort: z
            .enum(HISTORY_SORTS)
            .default('newest')
            .describe('newest first (the default) or oldest first'),
          ...filtersOf(z),
          cursor: cursorInput(z),
        }),
      output: z =>
        z.object({
          workflow_id: z.string(),
          orders: z.array(listItemOf(z)),
          total_count: z
            .number()
            .describe(
              'Orders of the workflow in the last 7 days that match the filters',
            ),
          next_cursor: nextCursorOutput(z),
        }),
    },
    action: async ({ input, credentials }) => {
      const { workflowId } = parseInput(
        workflowParamsSchema,
        { workflowId: input.workflowId },
        'field',
      );
      const query = parseInput(
        historyQuerySchema,
        {
          sort: input.sort,
          direction: input.direction,
          code: input.code,
          cursor: input.cursor,
        },
        'field',
      );
      // The action's cursors carry no count: each page counts again.
      const page = await pages.history(
        {
          workflowId,
          query: { ...query, limit: input.limit },
          carryCount: false,
        },
        actionContext(credentials),
      );
      return {
        output: {
          workflow_id: page.workflow_id,
          orders: page.orders,
          total_count: page.total_count,
          next_cursor: page.next_cursor,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-order',
    title: 'Get one order of a trading workflow',
    description: `Gives everything known about one order by its id: the workflow that placed it, instrument, price, quantity, direction, type, the engine's execution context, and when it expires (7 days after it was placed).
An order that does not exist, expired, or belongs to a workflow the caller may not see fails with "not found".`,
    attributes: READ_ONLY,
    schema: {
      input: z => z.object({ orderId: z.string().describe('The order id') }),
      output: z =>
        listItemOf(z).extend({
          workflow_name: z.string().nullable(),
          asset_type: z.string().nullable(),
          trigger_close: z.number().nullable(),
          execution_context: z.string().nullable(),
          expires_at: z.string().describe('ISO 8601 UTC'),
        }),
    },
    action: async ({ input, credentials }) => {
      const { orderId } = parseInput(orderParamsSchema, input, 'field');
      return {
        output: await pages.order(orderId, actionContext(credentials)),
      };
    },
  });

  actionsRegistry.register({
    name: 'get-last-orders',
    title: 'Get the last order of several trading workflows',
    description: `Gives, for each workflow asked (up to ${MAX_SUMMARY_WORKFLOWS}), its newest order of the last 7 days, in the order asked.
A summary is null for a workflow that does not exist or whose orders the caller may not see; its last_order_* fields are null when it placed no order.`,
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          workflowIds: z
            .array(workflowIdInput(z))
            .min(1)
            .max(MAX_SUMMARY_WORKFLOWS),
        }),
      output: z =>
        z.object({
          summaries: z.array(
            z
              .object({
                workflow_id: z.string(),
                last_order_timestamp: z.string().nullable(),
                last_order_direction: z.enum(ORDER_DIRECTIONS).nullable(),
                last_order_quantity: z.number().nullable(),
                last_order_price: z.number().nullable(),
                last_order_code: z.string().nullable(),
              })
              .nullable(),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { workflow_ids: workflowIds } = parseInput(
        summariesRequestSchema,
        { workflow_ids: input.workflowIds },
        'field',
      );
      return {
        output: await pages.summaries(workflowIds, actionContext(credentials)),
      };
    },
  });

  registerLatestOrdersAction({ actionsRegistry, pages });
}
