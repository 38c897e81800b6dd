import { randomBytes } from 'node:crypto';

/** An attribute value in DynamoDB's JSON, as on the wire and in a Lambda event (binary as base64). @public */
export interface WireAttributeValue {
  S?: string;
  N?: string;
  B?: string;
  SS?: string[];
  NS?: string[];
  BS?: string[];
  M?: Record<string, WireAttributeValue>;
  L?: WireAttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
}

/** An item, or its key, in DynamoDB's JSON. @public */
export type WireImage = Record<string, WireAttributeValue>;

/** What a stream record carries, as DynamoDB Streams defines it. @public */
export type StreamViewType =
  'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/**
 * A change record in the shape a Lambda function receives from a DynamoDB stream (`DynamoDBRecord`
 * of `aws-lambda`), so the same handler takes either.
 *
 * @public
 */
export interface ChangeRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: WireImage;
    NewImage?: WireImage;
    OldImage?: WireImage;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: StreamViewType;
  };
  /** Set on removals by Time to Live, as DynamoDB sets it. */
  userIdentity?: { type: 'Service'; principalId: 'dynamodb.amazonaws.com' };
}

/**
 * A number as DynamoDB stores and returns it: no exponent, no leading or trailing zeros, no `-0`
 * (`'18000.50'` becomes `'18000.5'`, `'1E2'` becomes `'100'`), exact to all its 38 digits.
 */
export function canonicalNumber(text: string): string {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(
    text,
  );
  if (!match) return text;
  const [, sign, whole = '', fraction = '', exponentText] = match;
  let digits = `${whole}${fraction}`;
  let point = whole.length + Number(exponentText ?? 0);
  const leading = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leading);
  point -= leading;
  digits = digits.replace(/0+$/, '');
  if (digits === '') return '0';
  let body: string;
  if (point <= 0) body = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) {
    body = `${digits}${'0'.repeat(point - digits.length)}`;
  } else body = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign === '-' ? `-${body}` : body;
}

/** A value with its numbers as DynamoDB stores them. */
export function canonicalValue(value: WireAttributeValue): WireAttributeValue {
  if (value.N !== undefined) return { N: canonicalNumber(value.N) };
  if (value.NS !== undefined) return { NS: value.NS.map(canonicalNumber) };
  if (value.M !== undefined) return { M: canonicalImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(canonicalValue) };
  return value;
}

/** An item with its numbers as DynamoDB stores them. */
export function canonicalImage(image: WireImage): WireImage {
  const canonical: WireImage = {};
  for (const [name, value] of Object.entries(image)) {
    canonical[name] = canonicalValue(value);
  }
  return canonical;
}

/** The key attributes of a table, partition key first. */
export interface KeySchema {
  readonly partitionKey: string;
  readonly sortKey?: string;
}

/** The key of `image`, numbers canonical. */
export function keyOf(schema: KeySchema, image: WireImage): WireImage {
  const key: WireImage = {};
  for (const name of [schema.partitionKey, schema.sortKey]) {
    if (name && image[name]) key[name] = canonicalValue(image[name]);
  }
  return key;
}

/** A text that is equal for equal keys. */
export function keyText(schema: KeySchema, image: WireImage): string {
  return JSON.stringify(
    [schema.partitionKey, schema.sortKey].map(name =>
      name && image[name] ? canonicalValue(image[name]) : null,
    ),
  );
}

/** Whether two images hold the same attributes and values. */
export function sameImage(a: WireImage, b: WireImage): boolean {
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  return names.every(
    name =>
      b[name] !== undefined &&
      JSON.stringify(sortedValue(a[name])) ===
        JSON.stringify(sortedValue(b[name])),
  );
}

function sortedValue(value: WireAttributeValue): unknown {
  if (value.M) {
    return Object.entries(value.M)
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([name, inner]) => [name, sortedValue(inner)]);
  }
  if (value.L) return value.L.map(sortedValue);
  for (const set of ['SS', 'NS', 'BS'] as const) {
    if (value[set]) return { [set]: [...value[set]!].sort() };
  }
  return value;
}

/** Roughly DynamoDB's size of an item: names plus values, in bytes. */
function sizeOf(image: WireImage | undefined): number {
  if (!image) return 0;
  return Object.entries(image).reduce(
    (total, [name, value]) =>
      total +
      Buffer.byteLength(name) +
      Buffer.byteLength(JSON.stringify(value)),
    0,
  );
}

/** One write's effect on one item: its image before and after (absent when there is no item). */
export interface ItemChange {
  readonly key: WireImage;
  readonly oldImage?: WireImage;
  readonly newImage?: WireImage;
  /** A removal by Time to Live rather than by a client. */
  readonly byTtl?: boolean;
}

/** Builds the records of a stream: sequence numbers increase, as in one DynamoDB stream. */
export class StreamRecordFactory {
  private sequence = BigInt(Date.now()) * 1_000_000n;

  constructor(
    private readonly stream: {
      readonly region: string;
      readonly streamArn: string;
      readonly viewType: StreamViewType;
    },
  ) {}

  /** The record of `change`, or none when the write changed nothing (DynamoDB writes none then). */
  recordOf(change: ItemChange): ChangeRecord | undefined {
    const { oldImage, newImage } = change;
    if (!oldImage && !newImage) return undefined;
    if (oldImage && newImage && sameImage(oldImage, newImage)) return undefined;
    let eventName: ChangeRecord['eventName'] = 'MODIFY';
    if (!oldImage) eventName = 'INSERT';
    else if (!newImage) eventName = 'REMOVE';
    const { viewType } = this.stream;
    const withNew =
      viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
    const withOld =
      viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
    this.sequence += 1n;
    const dynamodb: ChangeRecord['dynamodb'] = {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: change.key,
      SequenceNumber: this.sequence.toString().padStart(21, '0'),
      SizeBytes: 0,
      StreamViewType: viewType,
    };
    if (withNew && newImage) dynamodb.NewImage = newImage;
    if (withOld && oldImage) dynamodb.OldImage = oldImage;
    dynamodb.SizeBytes =
      sizeOf(change.key) +
      sizeOf(dynamodb.NewImage) +
      sizeOf(dynamodb.OldImage);
    return {
      eventID: randomBytes(16).toString('hex'),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.stream.region,
      eventSourceARN: this.stream.streamArn,
      dynamodb,
      ...(change.byTtl
        ? {
            userIdentity: {
              type: 'Service' as const,
              principalId: 'dynamodb.amazonaws.com' as const,
            },
          }
        : {}),
    };
  }
}
