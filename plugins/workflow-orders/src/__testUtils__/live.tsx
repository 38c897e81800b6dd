import { ReactElement } from 'react';
import { act } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { TestApiProvider } from '@backstage/test-utils';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  LIVE_ORDERS_CHANNEL,
  LatestOrderItem,
  LiveChangesResponse,
} from '@workflow-orders/plugin-workflow-orders-common';
import { MockWorkflow } from '../mocks/fixtures';
import { TEST_BASE_URL } from './mockBackend';

/** A message of a signals channel. */
type SignalMessage = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/**
 * A signals API whose messages the test sends: `hint(sequence)` delivers the backend's hint of the
 * live channel to every subscriber, as the signals plugin does when the backend publishes one.
 */
export function fakeSignals() {
  const subscribers = new Set<{
    channel: string;
    onMessage: (message: SignalMessage) => void;
  }>();
  const signalApi: SignalApi = {
    subscribe<T extends SignalMessage>(
      channel: string,
      onMessage: (message: T) => void,
    ) {
      const subscriber = {
        channel,
        onMessage: onMessage as (message: SignalMessage) => void,
      };
      subscribers.add(subscriber);
      return { unsubscribe: () => subscribers.delete(subscriber) };
    },
  };
  const hint = (sequence: number) =>
    act(() => {
      for (const subscriber of [...subscribers]) {
        if (subscriber.channel === LIVE_ORDERS_CHANNEL) {
          subscriber.onMessage({ type: 'orders-changed', sequence });
        }
      }
    });
  /** Delivers `message` as the backend pushes it on the live channel. */
  const push = (message: SignalMessage) =>
    act(() => {
      for (const subscriber of [...subscribers]) {
        if (subscriber.channel === LIVE_ORDERS_CHANNEL) {
          subscriber.onMessage(message);
        }
      }
    });
  return { signalApi, hint, push };
}

/** `element` in an app that has the signals plugin, with `signals` as its signals API. */
export function withSignals(
  element: ReactElement,
  signals: { signalApi: SignalApi },
) {
  return (
    <TestApiProvider apis={[[signalApiRef, signals.signalApi]]}>
      {element}
    </TestApiProvider>
  );
}

/**
 * The backend's `GET /live/changes`, scripted by the test: `publish` records workflows' new latest
 * orders at the next sequence and returns it; `forget` makes the next answer incomplete, as after
 * a restart. Each answer holds the latest change of each workflow after `after`, newest first.
 * A test that serves other workflows afterwards calls `restore`.
 */
export function serveLiveChanges(server: ReturnType<typeof setupServer>) {
  let sequence = 0;
  let forgotten = false;
  const published: Array<{ sequence: number; change: LatestOrderItem }> = [];
  const handler = http.get(`${TEST_BASE_URL}/live/changes`, ({ request }) => {
    const after = new URL(request.url).searchParams.get('after');
    const complete = !forgotten;
    forgotten = false;
    // The last change of each workflow, the one published last first.
    const latest = new Map<string, LatestOrderItem>();
    if (after !== null && complete) {
      published
        .filter(entry => entry.sequence > Number(after))
        .reverse()
        .forEach(({ change }) => {
          if (!latest.has(change.workflow_id)) {
            latest.set(change.workflow_id, change);
          }
        });
    }
    const body: LiveChangesResponse = {
      sequence,
      complete,
      interval_seconds: 2,
      changes: [...latest.values()],
    };
    return HttpResponse.json(body);
  });
  server.use(handler);
  return {
    /** Puts this answer back in front, after the test served other handlers. */
    restore: () => server.use(handler),
    publish(...changes: LatestOrderItem[]): number {
      sequence += 1;
      changes.forEach(change => published.push({ sequence, change }));
      return sequence;
    },
    forget(): number {
      sequence += 1;
      forgotten = true;
      return sequence;
    },
  };
}

/** A new latest order of `workflow`, placed now unless `fields` say otherwise, as `/live/changes` has it. */
export function newLatestOrder(
  workflow: Pick<MockWorkflow, 'id' | 'name'>,
  fields: Partial<LatestOrderItem> = {},
): LatestOrderItem {
  return {
    id: `${workflow.name}-new`,
    workflow_id: workflow.id,
    workflow_name: workflow.name,
    placed_at: new Date().toISOString(),
    order_code: 'DAX.I',
    order_price: 18300,
    order_quantity: 2,
    order_direction: 'SELL',
    order_type: 'MARKET',
    ...fields,
  };
}
