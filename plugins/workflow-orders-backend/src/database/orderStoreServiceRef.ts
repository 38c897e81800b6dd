import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DynamoDbOrderStore } from './DynamoDbOrderStore';
import type { OrderStore } from './OrderStore';

/**
 * The store the workflow-orders plugin reads from. By default the DynamoDB store configured under
 * `workflowOrders.dynamodb`; install another factory for this ref to replace it.
 *
 * @public
 */
export const orderStoreServiceRef = createServiceRef<OrderStore>({
  id: 'workflow-orders.order-store',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async factory({ config, logger, lifecycle }) {
        const store = await DynamoDbOrderStore.create({ config, logger });
        lifecycle.addShutdownHook(() => store.destroy());
        return store;
      },
    }),
});
