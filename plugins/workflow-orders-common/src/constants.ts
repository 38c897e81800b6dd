/**
 * The catalog annotation that links a Backstage entity to a trading workflow.
 *
 * @public
 */
export const WORKFLOW_ID_ANNOTATION = 'workflow-orders/workflow-id';

/**
 * Page size of the order history when the caller gives none.
 *
 * @public
 */
export const DEFAULT_HISTORY_LIMIT = 20;

/**
 * Largest page of order history one request may ask for.
 *
 * @public
 */
export const MAX_HISTORY_LIMIT = 100;

/**
 * Most workflows one summaries request may name: a page of the workflows list.
 *
 * @public
 */
export const MAX_SUMMARY_WORKFLOWS = 500;

/**
 * Page size of the Workflow orders page (`GET /latest-orders`) when the caller gives none.
 *
 * @public
 */
export const DEFAULT_LATEST_ORDERS_LIMIT = 50;

/**
 * Most workflows one `GET /latest-orders` request may name in `workflow_ids`.
 *
 * @public
 */
export const MAX_LATEST_ORDERS_WORKFLOWS = 100;
