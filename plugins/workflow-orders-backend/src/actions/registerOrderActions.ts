import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_LATEST_ORDERS_LIMIT,
  HISTORY_SORTS,
  historyQuerySchema,
  latestOrdersQuerySchema,
  MAX_HISTORY_LIMIT,
  MAX_LATEST_ORDERS_WORKFLOWS,
  MAX_SUMMARY_WORKFLOWS,
  ORDER_DIRECTIONS,
  orderParamsSchema,
  summariesRequestSchema,
  workflowParamsSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { z as zv4 } from 'zod';
import type { z as zv3 } from 'zod/v3';
import type { OrderReads } from '../service/OrderReads';
import type { CursorCodec } from '../service/cursor';
import { createOrderPages } from '../service/orderPages';
import { parseInput } from '../service/validation';
import {
  cursorInput,
  filtersOf,
  listItemOf,
  nextCursorOutput,
  registerReadAction,
} from './actionSchemas';

const workflowIdInput = (z: typeof zv3) =>
  z
    .string()
    .describe(
      'The workflow id (a UUID): the workflow-orders/workflow-id annotation of its catalog entity',
    );

/** The input of an action as the routes' schema reads it: refused as a route refuses it. */
const fields = <T extends zv4.ZodType>(schema: T, input: unknown) =>
  parseInput(schema, input, 'field');

/**
 * Registers the read-only actions of the workflow-orders plugin: `get-workflow-orders`,
 * `get-order`, `get-last-orders` and `list-latest-orders`. Each reads through the same
 * {@link OrderReads} as the routes, with the credentials of the action's caller: the same
 * permission decisions, the same audit events, and a workflow the caller may not see fails like one
 * that does not exist (or, in a list, is left out).
 */
export function registerOrderActions(options: {
  actionsRegistry: ActionsRegistryService;
  reads: OrderReads;
  /** Signs and reads the cursors of the paging actions, as it does the routes'. */
  cursors: CursorCodec;
}): void {
  const { actionsRegistry } = options;
  const pages = createOrderPages(options);

  registerReadAction(actionsRegistry, {
    name: 'get-workflow-orders',
    title: 'Get the recent orders of a trading workflow',
    description: `Lists the orders a trading workflow placed in the last 7 days, newest first (or oldest first), with how many there are in all; optionally only those of one direction or asset code, the count then counting those.
A workflow that does not exist, or whose orders the caller may not see, fails with "not found".`,
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
    async read(input, context) {
      const { workflowId } = fields(workflowParamsSchema, {
        workflowId: input.workflowId,
      });
      const { sort, direction, code, cursor } = input;
      const query = fields(historyQuerySchema, {
        sort,
        direction,
        code,
        cursor,
      });
      // The action's cursors carry no count: each page counts again.
      const page = await pages.history(
        {
          workflowId,
          query: { ...query, limit: input.limit },
          carryCount: false,
        },
        context,
      );
      return {
        workflow_id: page.workflow_id,
        orders: page.orders,
        total_count: page.total_count,
        next_cursor: page.next_cursor,
      };
    },
  });

  registerReadAction(actionsRegistry, {
    name: 'get-order',
    title: 'Get one order of a trading workflow',
    description: `Gives everything known about one order by its id: the workflow that placed it, instrument, price, quantity, direction, type, the engine's execution context, and when it expires (7 days after it was placed).
An order that does not exist, expired, or belongs to a workflow the caller may not see fails with "not found".`,
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
    read: (input, context) =>
      pages.order(fields(orderParamsSchema, input).orderId, context),
  });

  registerReadAction(actionsRegistry, {
    name: 'get-last-orders',
    title: 'Get the last order of several trading workflows',
    description: `Gives, for each workflow asked (up to ${MAX_SUMMARY_WORKFLOWS}), its newest order of the last 7 days, in the order asked.
A summary is null for a workflow that does not exist or whose orders the caller may not see; its last_order_* fields are null when it placed no order.`,
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
    read: (input, context) =>
      pages.summaries(
        fields(summariesRequestSchema, { workflow_ids: input.workflowIds })
          .workflow_ids,
        context,
      ),
  });

  // The Workflow orders page as an action, read as `GET /latest-orders` is: the same rows.
  registerReadAction(actionsRegistry, {
    name: 'list-latest-orders',
    title: 'List the latest order of each trading workflow',
    description: `Lists the latest order of each trading workflow the caller may see that placed one in the last 7 days, newest first, one per workflow, with the workflow's name; optionally only those of one direction or asset code, or of some workflows (up to ${MAX_LATEST_ORDERS_WORKFLOWS}).
Workflows whose orders the caller may not see are left out.`,
    schema: {
      input: z =>
        z.object({
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_HISTORY_LIMIT)
            .default(DEFAULT_LATEST_ORDERS_LIMIT)
            .describe(
              'How many workflows to list, those that traded last first',
            ),
          ...filtersOf(z),
          workflowIds: z
            .array(z.string())
            .min(1)
            .max(MAX_LATEST_ORDERS_WORKFLOWS)
            .optional()
            .describe('Only these workflows (UUIDs)'),
          cursor: cursorInput(z),
        }),
      output: z =>
        z.object({
          orders: z.array(
            listItemOf(z).extend({ workflow_name: z.string().nullable() }),
          ),
          next_cursor: nextCursorOutput(z),
        }),
    },
    async read(input, context) {
      const query = fields(latestOrdersQuerySchema, {
        direction: input.direction,
        code: input.code,
        workflow_ids: input.workflowIds?.join(','),
        cursor: input.cursor,
      });
      const { orders, next_cursor } = await pages.latestOrders(
        { ...query, limit: input.limit },
        context,
      );
      return { orders, next_cursor };
    },
  });
}
