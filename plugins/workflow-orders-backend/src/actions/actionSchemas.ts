import type {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { ORDER_DIRECTIONS } from '@workflow-orders/plugin-workflow-orders-common';
import type { AnyZodObject, z as zv3 } from 'zod/v3';
import type { ReadContext } from '../service/OrderReads';

/**
 * Registers an action of this plugin: it only reads, and reading twice answers the same. `read`
 * answers the output of a call, its reads made as the action's caller through the actions registry.
 */
export function registerReadAction<
  Input extends AnyZodObject,
  Output extends AnyZodObject,
>(
  actionsRegistry: ActionsRegistryService,
  options: {
    name: string;
    title: string;
    description: string;
    schema: {
      input: (z: typeof zv3) => Input;
      output: (z: typeof zv3) => Output;
    };
    read(
      input: zv3.infer<Input>,
      context: ReadContext,
    ): Promise<zv3.infer<Output>>;
  },
): void {
  const { read, ...action } = options;
  actionsRegistry.register<Input, Output>({
    ...action,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    // The registry's type of an answer is conditional on the output; this one is always an object.
    action: (async ({ input, credentials }) => ({
      output: await read(input, { credentials, via: 'action' }),
    })) as ActionsRegistryActionOptions<Input, Output>['action'],
  });
}

// The registry describes its schemas with zod 3; the common package's zod 4 schemas still validate
// the input, so an action refuses what the routes refuse, with the same messages.

/** The fields of a history row, as the routes answer them. */
export const listItemOf = (z: typeof zv3) =>
  z.object({
    id: z.string(),
    workflow_id: z.string(),
    placed_at: z.string().describe('ISO 8601 UTC'),
    order_code: z.string().nullable(),
    order_price: z.number().nullable(),
    order_quantity: z.number().nullable(),
    order_direction: z.enum(ORDER_DIRECTIONS).nullable(),
    order_type: z.string().nullable(),
  });

/** The filters the history and the latest orders take: a direction and an asset code. */
export const filtersOf = (z: typeof zv3) => ({
  direction: z
    .string()
    .optional()
    .describe('Only orders of this direction: BUY or SELL (any case)'),
  code: z
    .string()
    .optional()
    .describe(
      'Only orders of this asset code, such as FRA40.I (matched without regard to case)',
    ),
});

/** The cursor input of a paging action: the `next_cursor` of its previous page. */
export const cursorInput = (z: typeof zv3) =>
  z
    .string()
    .optional()
    .describe(
      'The next_cursor of the previous page, as it was given, with the same filters and sort',
    );

/** The cursor a paging action answers with: null on the last page. */
export const nextCursorOutput = (z: typeof zv3) =>
  z
    .string()
    .nullable()
    .describe(
      'Pass as cursor to get the next page; null when this is the last',
    );
