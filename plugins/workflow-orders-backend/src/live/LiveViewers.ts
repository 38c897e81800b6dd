import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  LIVE_ORDERS_CHANNEL,
  normalizeWorkflowId,
  type LatestOrderItem,
  type LiveOrdersHint,
  type LiveTabOrders,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import type { OrderStore } from '../database/OrderStore';
import { isoTime, toLatestItem, toListItem } from '../service/responses';

/** New orders of one workflow a push carries at most; past them its tabs load their page again. */
export const MAX_TAB_ORDERS = 50;

/** What the watcher found in one read, for the viewers ({@link LiveViewers.push}). */
export interface LivePush {
  /** The sequence after the read. */
  readonly sequence: number;
  /**
   * The sequence before it, and each changed workflow's new latest order; absent when the read
   * could not hold every change (browsers then ask, and are told to reload).
   */
  readonly delta?: {
    readonly after: number;
    readonly orders: readonly WorkflowOrderRecord[];
    /** The `placed_at` of the latest order each changed workflow had before, when known. */
    readonly priors?: ReadonlyMap<string, number>;
  };
}

/** Options of {@link LiveViewers}. */
export interface LiveViewersOptions {
  readonly signals: Pick<SignalsService, 'publish'>;
  readonly logger: LoggerService;
  /** Reads the new orders of the workflows whose Orders tabs viewers show; without it, none. */
  readonly readOrdersAfter?: OrderStore['getOrdersAfter'];
  /** How long a viewer is pushed to after its last `GET /live/changes`, in milliseconds. */
  readonly leaseMs: number;
  /** Viewers kept at most; the one that renewed longest ago goes first. @default 10000 */
  readonly maxViewers?: number;
  /** The current time in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

type Viewer = {
  readonly visible: (workflowId: string) => boolean;
  /** The workflows whose Orders tabs the user's browser shows. */
  readonly tabs: readonly string[];
  readonly until: number;
};

/**
 * The users whose browsers watch, each with what they may see, decided when they last asked
 * `GET /live/changes` (which a watching browser renews every 30 s): each read of the watcher that
 * found changes is pushed to them, each user getting only the changes of the workflows they may
 * see, so that no browser needs to ask after a push. Users who may see the same changes share one
 * message. A permission change therefore reaches the pushes at the viewer's next renewal. For the
 * Orders tabs a browser shows, a push also carries the workflow's new orders, read once whatever
 * the number of viewers, so that the tab need not load its page again.
 */
export class LiveViewers {
  private readonly viewers = new Map<string, Viewer>();
  private readonly now: () => number;
  private readonly maxViewers: number;

  constructor(private readonly options: LiveViewersOptions) {
    this.now = options.now ?? Date.now;
    this.maxViewers = options.maxViewers ?? 10_000;
  }

  /**
   * The user `userEntityRef` watches, and may see the workflows `visible` allows, for a lease; their
   * browser shows the Orders tabs of `tabs` (lower-case workflow ids).
   */
  renew(
    userEntityRef: string,
    visible: (workflowId: string) => boolean,
    tabs: readonly string[] = [],
  ): void {
    this.viewers.delete(userEntityRef);
    this.viewers.set(userEntityRef, {
      visible,
      tabs,
      until: this.now() + this.options.leaseMs,
    });
    if (this.viewers.size > this.maxViewers) {
      this.viewers.delete(this.viewers.keys().next().value!);
    }
  }

  /** How many users are pushed to now. */
  get size(): number {
    this.dropLapsed();
    return this.viewers.size;
  }

  /** Pushes a read's changes to every watching user: to each what they may see. */
  async push({ sequence, delta }: LivePush): Promise<void> {
    this.dropLapsed();
    if (this.viewers.size === 0) return;
    if (!delta) {
      // Nothing but the sequence: every watching browser asks, and learns it must reload.
      await this.publish([...this.viewers.keys()], {
        type: 'orders-changed',
        sequence,
      });
      return;
    }
    const items = delta.orders.map(toLatestItem);
    const ids = delta.orders.map(order =>
      normalizeWorkflowId(order.workflow_id),
    );
    const tabOrders = await this.tabOrdersOf(delta);
    const groups = new Map<
      string,
      { users: string[]; changes: LatestOrderItem[]; tabs: string[] }
    >();
    for (const [user, viewer] of this.viewers) {
      const shown = items.filter((_, index) => viewer.visible(ids[index]));
      const tabs = viewer.tabs.filter(
        id => tabOrders.has(id) && viewer.visible(id),
      );
      const key = `${shown.map(item => item.id).join(' ')}|${tabs.join(' ')}`;
      const group = groups.get(key) ?? { users: [], changes: shown, tabs };
      group.users.push(user);
      groups.set(key, group);
    }
    await Promise.all(
      [...groups.values()].map(({ users, changes, tabs }) =>
        this.publish(users, {
          type: 'orders-changed',
          sequence,
          after: delta.after,
          changes,
          ...(tabs.length > 0 && {
            tabs: Object.fromEntries(tabs.map(id => [id, tabOrders.get(id)!])),
          }),
        }),
      ),
    );
  }

  /**
   * The new orders of each changed workflow whose Orders tab a viewer shows and whose previous
   * latest order the watcher knows, up to the new one: one read per workflow, whatever the number
   * of viewers. A workflow whose read fails or finds more than {@link MAX_TAB_ORDERS} is left out.
   */
  private async tabOrdersOf(
    delta: NonNullable<LivePush['delta']>,
  ): Promise<Map<string, LiveTabOrders>> {
    const found = new Map<string, LiveTabOrders>();
    const read = this.options.readOrdersAfter;
    if (!read || !delta.priors) return found;
    const shown = new Set<string>();
    for (const viewer of this.viewers.values()) {
      viewer.tabs.forEach(id => shown.add(id));
    }
    await Promise.all(
      delta.orders.map(async order => {
        const id = normalizeWorkflowId(order.workflow_id);
        const prior = delta.priors!.get(order.workflow_id);
        if (!shown.has(id) || prior === undefined) return;
        try {
          const { orders, more } = await read({
            workflowId: order.workflow_id,
            after: prior,
            limit: MAX_TAB_ORDERS,
          });
          if (!more) {
            // Up to the latest order the watcher saw: the next push follows on from it.
            const upTo = orders.filter(
              placed => placed.placed_at <= order.placed_at,
            );
            found.set(id, {
              since: isoTime(prior),
              orders: upTo.map(toListItem),
            });
          }
        } catch (error) {
          this.options.logger.warn(
            `Could not read the new orders of workflow ${order.workflow_id} for its open tabs: ${error}`,
          );
        }
      }),
    );
    return found;
  }

  private dropLapsed() {
    const now = this.now();
    for (const [user, viewer] of this.viewers) {
      if (viewer.until <= now) this.viewers.delete(user);
    }
  }

  private async publish(users: string[], message: LiveOrdersHint) {
    try {
      await this.options.signals.publish({
        recipients: { type: 'user', entityRef: users },
        channel: LIVE_ORDERS_CHANNEL,
        message,
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not push the live orders of sequence ${message.sequence}: ${error}`,
      );
    }
  }
}
