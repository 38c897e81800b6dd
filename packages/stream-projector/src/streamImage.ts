import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from 'aws-lambda';
import type { TableItem } from '@workflow-orders/table';

type Image = Record<string, AttributeValue>;

/**
 * A stream image in the SDK's shape. Lambda delivers binary values as base64 text, which the SDK
 * would take for strings; decoding them keeps a binary attribute binary when it is copied.
 */
function sdkValueOf(value: AttributeValue): SdkAttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B, 'base64') };
  if (value.BS !== undefined) {
    return { BS: value.BS.map(item => Buffer.from(item, 'base64')) };
  }
  if (value.M !== undefined) return { M: sdkImageOf(value.M) };
  if (value.L !== undefined) return { L: value.L.map(sdkValueOf) };
  return value as SdkAttributeValue;
}

function sdkImageOf(image: Image): Record<string, SdkAttributeValue> {
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, sdkValueOf(value)]),
  );
}

/**
 * The item a stream record's image holds, as the document client reads items. Other writers may
 * store numbers past double precision (Python's Decimal); they are read as the nearest number
 * rather than refused, as the latest-order backfill reads them.
 */
export function itemOfImage(image: Image): TableItem {
  return unmarshall(sdkImageOf(image), { wrapNumbers: value => Number(value) });
}
