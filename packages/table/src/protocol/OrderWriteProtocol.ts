import { expiryOf } from '../orderRecord';
import { ordersTable, roundToMicroseconds } from '../table';
import type { OrderKey } from './guardItems';
import type { OrderToWrite } from './items';
import type { OrdersTablePersistence } from './OrdersTablePersistence';
import { sendOnce, type RequestRunner } from './RequestRunner';

/**
 * What {@link OrderWriteProtocol.claimOrderId} did: `claimed` the order id now, or found it
 * `alreadyClaimed` (by an earlier recording of the order, or by a lost answer of this one). `key` is
 * where the order goes.
 *
 * @public
 */
export interface ClaimOrderIdResult {
  /** Whether this step claimed the id or found it claimed. */
  readonly outcome: 'claimed' | 'alreadyClaimed';
  /** Where the order's record goes: the key its guard points at. */
  readonly key: OrderKey;
}

/**
 * What {@link OrderWriteProtocol.putOrderRecord} did: `stored` the order (now, or by an attempt whose
 * answer was lost), found it stored already (`duplicate`), or found `noFreeInstant` near the instant
 * it asked for after `rounds` tries. `record` is the item as stored, at its final key.
 *
 * @public
 */
export type PutOrderRecordResult =
  | { readonly outcome: 'stored' | 'duplicate'; readonly record: OrderToWrite }
  | { readonly outcome: 'noFreeInstant'; readonly rounds: number };

/**
 * What {@link OrderWriteProtocol.advanceLatestOrder} did: `advanced` the workflow's latest order to
 * this one, or left it `current` (it holds this order or a newer one).
 *
 * @public
 */
export interface AdvanceLatestOrderResult {
  /** Whether this step changed the workflow's latest order. */
  readonly outcome: 'advanced' | 'current';
}

/** Options of {@link OrderWriteProtocol}. @public */
export interface OrderWriteProtocolOptions {
  /** Where the protocol stores and reads its items. */
  readonly persistence: OrdersTablePersistence;
  /** Rounds of {@link OrderWriteProtocol.putOrderRecord}; each loses one race for a free instant. @defaultValue 25 */
  readonly maxRounds?: number;
}

/** Workflows whose newest latest-order update this protocol remembers, to skip older ones. */
const REMEMBERED_WORKFLOWS = 10_000;

const { partitionKey, sortKey, ttlAttribute, idIndex } = ordersTable;

/**
 * The write protocol of an order, idempotent across retries and re-runs of the engine, in three
 * steps: {@link OrderWriteProtocol.claimOrderId}, {@link OrderWriteProtocol.putOrderRecord} and
 * {@link OrderWriteProtocol.advanceLatestOrder}. Each step is safe to repeat, and returns what it
 * did. The id index is never read for this, as a GSI lags behind its table.
 *
 * @public
 */
export class OrderWriteProtocol {
  readonly #persistence: OrdersTablePersistence;
  readonly #maxRounds: number;
  // placed_at of the newest order this protocol made the latest of its workflow: an older order of
  // the same workflow finishing later needs no update, as its condition would fail anyway.
  readonly #advanced = new Map<string, number>();

  constructor(options: OrderWriteProtocolOptions) {
    this.#persistence = options.persistence;
    this.#maxRounds = options.maxRounds ?? 25;
  }

  /**
   * Step 1: puts the order's guard, keyed by its id, if absent. If present, its pointer is the key
   * the order was first given, so a re-run whose clock moved on lands on the original key.
   */
  async claimOrderId(
    order: OrderToWrite,
    run = sendOnce,
  ): Promise<ClaimOrderIdResult> {
    const asked = { workflowId: order.workflow_id, placedAt: order.placed_at };
    const guard = await this.#persistence.putGuardIfAbsent(
      order.id,
      asked,
      run,
    );
    if (guard.value === 'put') return { outcome: 'claimed', key: asked };
    const claimed = await this.#persistence.getGuard(order.id, run);
    return { outcome: 'alreadyClaimed', key: claimed ?? asked };
  }

  /**
   * Step 2: puts the order at `key` if absent. If an item is there, it is either this order (a
   * `duplicate`, or `stored` when an attempt whose answer was lost put it) or another order placed
   * at the same instant; then the order moves to the first free microsecond after the orders of that
   * millisecond, its guard follows, and the step tries again.
   */
  async putOrderRecord(
    order: OrderToWrite,
    key: OrderKey,
    run = sendOnce,
  ): Promise<PutOrderRecordResult> {
    let at = key;
    for (let round = 0; round < this.#maxRounds; round++) {
      const record: OrderToWrite = {
        ...order,
        [partitionKey]: at.workflowId,
        [sortKey]: at.placedAt,
        [ttlAttribute]: expiryOf(at.placedAt),
      };
      const put = await this.#persistence.putOrderIfAbsent(record, run);
      if (put.value === 'put') return { outcome: 'stored', record };

      const occupant = await this.#persistence.getOrderAt(at, run);
      // Gone since the put (expired): the instant is free again.
      if (!occupant) continue;
      if (occupant[idIndex.partitionKey] === order.id) {
        return { outcome: put.uncertain ? 'stored' : 'duplicate', record };
      }
      at = await this.#moveOffTakenInstant(order.id, at, run);
    }
    return { outcome: 'noFreeInstant', rounds: this.#maxRounds };
  }

  /**
   * Step 3: makes the stored order its workflow's latest order unless a newer one is there (a
   * conditional update of the workflow's latest-order item).
   */
  async advanceLatestOrder(
    record: OrderToWrite,
    run = sendOnce,
  ): Promise<AdvanceLatestOrderResult> {
    const workflowId = record.workflow_id;
    const known = this.#advanced.get(workflowId) ?? -1;
    if (known >= record.placed_at) return { outcome: 'current' };
    const written = await this.#persistence.writeLatestOrder(record, run);
    if (this.#advanced.size >= REMEMBERED_WORKFLOWS) this.#advanced.clear();
    this.#advanced.set(
      workflowId,
      Math.max(this.#advanced.get(workflowId) ?? -1, record.placed_at),
    );
    return { outcome: written === 'written' ? 'advanced' : 'current' };
  }

  /** The key after the orders of the taken instant's millisecond, with the order's guard moved there. */
  async #moveOffTakenInstant(
    orderId: string,
    taken: OrderKey,
    run: RequestRunner,
  ): Promise<OrderKey> {
    const last = await this.#persistence.lastPlacedAtBetween(
      taken.workflowId,
      taken.placedAt,
      roundToMicroseconds(taken.placedAt + 0.001),
      run,
    );
    const next = roundToMicroseconds((last ?? taken.placedAt) + 0.000001);
    const moved = await this.#persistence.pointGuardAt(
      orderId,
      taken.placedAt,
      next,
      run,
    );
    if (moved === 'moved') return { ...taken, placedAt: next };
    // Moved already: by this order's own update whose answer was lost, or by a concurrent copy.
    const guard = await this.#persistence.getGuard(orderId, run);
    return { ...taken, placedAt: guard?.placedAt ?? next };
  }
}
