import type http from 'node:http';
import type { KeyLocks } from './keyLocks';
import {
  canonicalImage,
  keyOf,
  keyText,
  type ItemChange,
  type KeySchema,
  type WireImage,
} from './streamRecords';
import { answer, type Upstream, type UpstreamAnswer } from './upstream';

/** What a write capture needs: the engine, the table, the locks and where its changes go. */
export interface CaptureContext {
  readonly upstream: Upstream;
  readonly tableName: string;
  readonly schema: KeySchema;
  readonly locks: KeyLocks;
  /** Receives the changes of one successful write, in the order they happened. */
  readonly emit: (changes: ItemChange[]) => void;
  /**
   * The last image of recently written items (`undefined`: no item), valid while every write of the
   * table passes through the feed.
   */
  readonly images: ImageCache;
  /** Receives what went wrong after the client had its answer. */
  readonly onError: (error: Error) => void;
}

/** The writes the feed turns into records. `TransactWriteItems` is not: dynalite lacks it. */
export const CAPTURED_OPERATIONS = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
]);

type Input = Record<string, any>;

const ok = (upstream: UpstreamAnswer) => upstream.status === 200;
const json = (upstream: UpstreamAnswer) =>
  JSON.parse(upstream.body.toString('utf8') || '{}');

/** The last images of the most recently written items, up to `limit` of them. */
export class ImageCache {
  private readonly images = new Map<string, WireImage | undefined>();

  constructor(private readonly limit = 50_000) {}

  has(key: string): boolean {
    return this.images.has(key);
  }

  get(key: string): WireImage | undefined {
    return this.images.get(key);
  }

  remember(key: string, image: WireImage | undefined): void {
    this.images.delete(key);
    this.images.set(key, image);
    if (this.images.size > this.limit) {
      this.images.delete(this.images.keys().next().value!);
    }
  }
}

/** Names of the attributes an update changed: set, changed or removed. */
function updatedNames(oldImage: WireImage = {}, newImage: WireImage = {}) {
  const names = new Set([...Object.keys(oldImage), ...Object.keys(newImage)]);
  return [...names].filter(
    name => JSON.stringify(oldImage[name]) !== JSON.stringify(newImage[name]),
  );
}

const pick = (image: WireImage | undefined, names: string[]) =>
  Object.fromEntries(
    names.filter(name => image?.[name]).map(name => [name, image![name]]),
  );

/**
 * Forwards one write to the engine and reports its changes. Writes to one key are serialized, so
 * changes come out in the order the engine applied them. `ReturnValues: ALL_OLD` is added to learn
 * the old image; the client still gets the answer it asked for. A put's new image is its item. An
 * update asks for `ALL_NEW` when the feed knows the item's image from an earlier write; otherwise
 * it asks for `ALL_OLD` and reads the new image back, after answering a client that asked for no
 * values.
 */
export async function captureWrite(
  context: CaptureContext,
  operation: string,
  input: Input,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  if (operation === 'BatchWriteItem') {
    await captureBatchWrite(context, input, request, response);
    return;
  }
  const { upstream, schema, locks, images } = context;
  const key = keyOf(schema, operation === 'PutItem' ? input.Item : input.Key);
  const text = keyText(schema, key);
  const asked: string = input.ReturnValues ?? 'NONE';
  const release = await locks.acquire([text]);
  try {
    const known = operation === 'UpdateItem' && images.has(text);
    const sent = await upstream.send(
      operation,
      JSON.stringify({ ...input, ReturnValues: known ? 'ALL_NEW' : 'ALL_OLD' }),
      request.headers,
    );
    if (!ok(sent)) {
      answer(response, sent);
      return;
    }
    const returned: WireImage | undefined = json(sent).Attributes;
    if (known) {
      const change = { key, oldImage: images.get(text), newImage: returned };
      respond(response, sent, asked, change);
      emitChanges(context, [change]);
      return;
    }
    if (operation !== 'UpdateItem') {
      const newImage =
        operation === 'PutItem' ? canonicalImage(input.Item) : undefined;
      const change = { key, oldImage: returned, newImage };
      respond(response, sent, asked, change);
      emitChanges(context, [change]);
      return;
    }
    if (asked === 'NONE' || asked === 'ALL_OLD') {
      respond(response, sent, asked, { key, oldImage: returned });
    }
    let newImage: WireImage | undefined;
    try {
      newImage = await readItem(context, key, request.headers);
    } catch (error) {
      context.onError(
        new Error(
          `The change feed lost the record of an update of ${JSON.stringify(key)}: ${(error as Error).message}`,
          { cause: error },
        ),
      );
      if (!response.headersSent) respond(response, sent, 'NONE', { key });
      return;
    }
    const change = { key, oldImage: returned, newImage };
    if (!response.headersSent) respond(response, sent, asked, change);
    emitChanges(context, [change]);
  } finally {
    release();
  }
}

/** Answers the client with the values it asked for, whatever the feed asked the engine for. */
function respond(
  response: http.ServerResponse,
  sent: UpstreamAnswer,
  asked: string,
  { oldImage, newImage }: ItemChange,
) {
  const { Attributes: _attributes, ...rest } = json(sent);
  const names = updatedNames(oldImage, newImage);
  const values: Record<string, WireImage | undefined> = {
    ALL_OLD: oldImage,
    ALL_NEW: newImage,
    UPDATED_NEW: pick(newImage, names),
    UPDATED_OLD: pick(oldImage, names),
  };
  const Attributes = values[asked];
  const body =
    Attributes && Object.keys(Attributes).length > 0
      ? { ...rest, Attributes }
      : rest;
  answer(response, sent, Buffer.from(JSON.stringify(body)));
}

/** Emits the changes and remembers each item's new image, for the next update of it. */
function emitChanges(context: CaptureContext, changes: ItemChange[]) {
  for (const change of changes) {
    context.images.remember(
      keyText(context.schema, change.key),
      change.newImage,
    );
  }
  context.emit(changes);
}

async function readItem(
  context: CaptureContext,
  key: WireImage,
  headers: http.IncomingHttpHeaders,
): Promise<WireImage | undefined> {
  const read = await context.upstream.send(
    'GetItem',
    JSON.stringify({
      TableName: context.tableName,
      Key: key,
      ConsistentRead: true,
    }),
    headers,
  );
  if (!ok(read)) throw new Error(`GetItem answered ${read.status}`);
  return json(read).Item;
}

/**
 * A batch of puts and deletes: the old images are read first (BatchWriteItem returns none), with
 * every key of the batch held, so the client waits one read longer than without the feed.
 */
async function captureBatchWrite(
  context: CaptureContext,
  input: Input,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const { upstream, schema, locks, tableName } = context;
  const requests: Input[] = input.RequestItems?.[tableName] ?? [];
  const keyOfRequest = (entry: Input) =>
    keyOf(
      schema,
      entry.PutRequest
        ? entry.PutRequest.Item
        : (entry.DeleteRequest?.Key ?? {}),
    );
  const keys = requests.map(keyOfRequest);
  const release = await locks.acquire(keys.map(key => keyText(schema, key)));
  try {
    const oldImages = new Map<string, WireImage>();
    if (keys.length > 0) {
      const read = await upstream.send(
        'BatchGetItem',
        JSON.stringify({
          RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } },
        }),
        request.headers,
      );
      if (!ok(read)) {
        answer(response, read);
        return;
      }
      for (const item of json(read).Responses?.[tableName] ?? []) {
        oldImages.set(keyText(schema, item), item);
      }
    }
    const sent = await upstream.send(
      'BatchWriteItem',
      JSON.stringify(input),
      request.headers,
    );
    answer(response, sent);
    if (!ok(sent)) return;
    const unprocessed = new Set(
      ((json(sent).UnprocessedItems?.[tableName] ?? []) as Input[]).map(entry =>
        keyText(schema, keyOfRequest(entry)),
      ),
    );
    const changes: ItemChange[] = [];
    requests.forEach((entry, index) => {
      const text = keyText(schema, keys[index]);
      if (unprocessed.has(text)) return;
      changes.push({
        key: keys[index],
        oldImage: oldImages.get(text),
        newImage: entry.PutRequest
          ? canonicalImage(entry.PutRequest.Item)
          : undefined,
      });
    });
    emitChanges(context, changes);
  } finally {
    release();
  }
}
