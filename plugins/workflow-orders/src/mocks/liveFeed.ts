import type { SignalApi } from '@backstage/plugin-signals-react';
import {
  LIVE_ORDERS_CHANNEL,
  LiveOrdersHint,
} from '@workflow-orders/plugin-workflow-orders-common';
import { MockOrder, MockWorkflow, anOrder } from './fixtures';

/** A message of a signals channel. */
type SignalMessage = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/** One order the feed placed, at the sequence it moved to. */
export interface PlacedOrder {
  sequence: number;
  workflow: MockWorkflow;
  order: MockOrder;
}

/** Options of {@link createMockLiveFeed}. */
export interface MockLiveFeedOptions {
  /** The instant the mock backend counts its orders' ages from, epoch milliseconds. */
  origin: number;
  /** How often a workflow places an order while someone listens. @default 10_000 */
  everyMs?: number;
}

/**
 * New orders for the dev app: while a screen listens to the signals channel, one of `workflows`
 * (those that are neither hidden nor failing, in turn) places an order every 10 seconds. The
 * order is added to the workflow, so every route of the mock backend serves it, and the feed's
 * signals API sends the hint a backend would. Nothing happens while nobody listens.
 */
export function createMockLiveFeed(
  workflows: MockWorkflow[],
  options: MockLiveFeedOptions,
) {
  const everyMs = options.everyMs ?? 10_000;
  const placers = workflows.filter(w => !w.hidden && !w.failing);
  const placed: PlacedOrder[] = [];
  let sequence = 0;

  const placeOrder = (): number => {
    const workflow = placers[sequence % placers.length];
    sequence += 1;
    const order = anOrder({
      id: `live-${sequence}`,
      secondsAgo: (options.origin - Date.now()) / 1000,
      order_code: workflow.orders[0]?.order_code ?? 'DAX.I',
      order_price: workflow.orders[0]?.order_price ?? 100,
      order_direction: sequence % 2 ? 'SELL' : 'BUY',
      execution_context: 'lambda:scheduled:live-demo',
    });
    workflow.orders.unshift(order);
    placed.push({ sequence, workflow, order });
    return sequence;
  };

  // One schedule for every subscriber: each tick is one order and one hint to all of them.
  const subscribers = new Set<(hint: SignalMessage) => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const signalApi: SignalApi = {
    subscribe<T extends SignalMessage>(
      channel: string,
      onMessage: (message: T) => void,
    ) {
      if (channel !== LIVE_ORDERS_CHANNEL || placers.length === 0) {
        return { unsubscribe: () => {} };
      }
      const subscriber = onMessage as (message: SignalMessage) => void;
      subscribers.add(subscriber);
      timer ??= setInterval(() => {
        const hint: LiveOrdersHint = {
          type: 'orders-changed',
          sequence: placeOrder(),
        };
        subscribers.forEach(send => send(hint));
      }, everyMs);
      return {
        unsubscribe: () => {
          subscribers.delete(subscriber);
          if (subscribers.size === 0) {
            clearInterval(timer);
            timer = undefined;
          }
        },
      };
    },
  };

  return {
    /** The signals API of the dev app. */
    signalApi,
    /** The feed's sequence now. */
    sequence: () => sequence,
    /** The orders placed after `after`, oldest first. */
    placedSince: (after: number) => placed.filter(p => p.sequence > after),
  };
}

/** The live feed of the dev app. */
export type MockLiveFeed = ReturnType<typeof createMockLiveFeed>;
