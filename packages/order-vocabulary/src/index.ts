/**
 * The order vocabulary of workflow-orders, shared by every package that writes or reads orders: the
 * engine's recorder and the table tooling (Node) as much as the plugins' contract (browser): the
 * directions, types and id rules, code and workflow-id normalisation, retention and expiry, the
 * filters, and the rules every reader applies to latest orders (trust, row order, page cut). It
 * depends on zod only.
 *
 * @packageDocumentation
 */

export * from './retention';
export * from './fields';
export * from './filters';
export * from './latestOrders';
