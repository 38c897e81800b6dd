import type { DynamoDBRecord } from 'aws-lambda';
import { isUuid } from '@workflow-orders/order-vocabulary';
import { ordersTable, type OrderToWrite } from '@workflow-orders/table';
import { itemOfImage } from './streamImage';

/**
 * What a stream record is to the projector: an `order` item to project, a record it `ignore`s
 * (a removal, a guard item, a latest-order item), or one it can never project (`malformed`), with
 * the reason.
 */
export type ClassifiedRecord =
  | { readonly kind: 'order'; readonly order: OrderToWrite }
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'malformed'; readonly reason: string };

/** Epoch seconds of 2286-11-20: a later `placed_at` is a time in milliseconds, given by mistake. */
const MAX_EPOCH_SECONDS = 10_000_000_000;

const { partitionKey, sortKey, guard, latest, idIndex } = ordersTable;

/**
 * Classifies a stream record by the keys of its new image only, so an order is projected whatever
 * its other attributes hold; the readers decide what of it they show.
 */
export function classifyRecord(record: DynamoDBRecord): ClassifiedRecord {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') {
    return { kind: 'ignored', reason: `${record.eventName ?? 'no'} event` };
  }
  const image = record.dynamodb?.NewImage;
  if (!image) {
    return {
      kind: 'malformed',
      reason:
        'the record has no new image: the stream needs StreamViewType NEW_IMAGE or NEW_AND_OLD_IMAGES',
    };
  }
  let item: Record<string, unknown>;
  try {
    item = itemOfImage(image);
  } catch (error) {
    return {
      kind: 'malformed',
      reason: `the new image cannot be read: ${(error as Error).message}`,
    };
  }
  const workflowId = item[partitionKey];
  const placedAt = item[sortKey];
  const id = item[idIndex.partitionKey];
  if (
    typeof workflowId === 'string' &&
    workflowId.startsWith(guard.partitionPrefix)
  ) {
    return { kind: 'ignored', reason: 'a guard item' };
  }
  // The projector's own writes come back on the stream as these.
  if (placedAt === latest.sortKey) {
    return { kind: 'ignored', reason: 'a latest-order item' };
  }
  if (!isUuid(workflowId)) {
    return { kind: 'malformed', reason: `${partitionKey} must be a UUID` };
  }
  if (
    typeof placedAt !== 'number' ||
    !Number.isFinite(placedAt) ||
    placedAt <= 0 ||
    placedAt >= MAX_EPOCH_SECONDS
  ) {
    return {
      kind: 'malformed',
      reason: `${sortKey} must be positive epoch seconds`,
    };
  }
  if (typeof id !== 'string' || id.length === 0) {
    return {
      kind: 'malformed',
      reason: `${idIndex.partitionKey} must be a non-empty string`,
    };
  }
  return { kind: 'order', order: item as OrderToWrite };
}
