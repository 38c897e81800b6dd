/**
 * How long an order is kept: DynamoDB's TTL deletes a record this many seconds after it was placed,
 * and every read leaves out what is older.
 *
 * @public
 */
export const ORDER_RETENTION_SECONDS = 7 * 24 * 60 * 60;

/**
 * When an order placed at `placedAt` (epoch seconds) expires, in epoch seconds: its whole seconds
 * plus {@link ORDER_RETENTION_SECONDS}. The table's TTL and the API's `expires_at` are this.
 *
 * @public
 */
export function expiryOf(placedAt: number): number {
  return Math.floor(placedAt) + ORDER_RETENTION_SECONDS;
}
