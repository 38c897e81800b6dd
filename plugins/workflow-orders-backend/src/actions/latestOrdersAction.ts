import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  DEFAULT_LATEST_ORDERS_LIMIT,
  latestOrdersQuerySchema,
  MAX_HISTORY_LIMIT,
  MAX_LATEST_ORDERS_WORKFLOWS,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { OrderPages } from '../service/orderPages';
import { parseInput } from '../service/validation';
import {
  actionContext,
  cursorInput,
  filtersOf,
  listItemOf,
  nextCursorOutput,
  READ_ONLY,
} from './actionSchemas';

/**
 * Registers `list-latest-orders`: the Workflow orders page as an action, read through the same
 * {@link OrderPages} as `GET /latest-orders`, so it lists exactly the rows the caller could see there.
 */
export function registerLatestOrdersAction(options: {
  actionsRegistry: ActionsRegistryService;
  pages: OrderPages;
}): void {
  const { actionsRegistry, pages } = options;

  actionsRegistry.register({
    name: 'list-latest-orders',
    title: 'List the latest order of each trading workflow',
    description: `Lists the latest order of each trading workflow the caller may see that placed one in the last 7 days, newest first, one per workflow, with the workflow's name; optionally only those of one direction or asset code, or of some workflows (up to ${MAX_LATEST_ORDERS_WORKFLOWS}).
Workflows whose orders the caller may not see are left out.`,
    attributes: READ_ONLY,
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
    action: async ({ input, credentials }) => {
      const query = parseInput(
        latestOrdersQuerySchema,
        {
          direction: input.direction,
          code: input.code,
          workflow_ids: input.workflowIds?.join(','),
          cursor: input.cursor,
        },
        'field',
      );
      const { orders, next_cursor } = await pages.latestOrders(
        { ...query, limit: input.limit },
        actionContext(credentials),
      );
      return { output: { orders, next_cursor } };
    },
  });
}
