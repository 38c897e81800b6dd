import { InputError } from '@backstage/errors';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where the next page of a workflow's history starts. */
export interface HistoryPosition {
  readonly workflowId: string;
  /** `placed_at` of the last order already shown. */
  readonly placedAt: number;
}

/** Turns history positions into opaque, signed cursors and back. */
export interface CursorCodec {
  encode(position: HistoryPosition): string;
  /** The position of a cursor issued for `workflowId`; an `InputError` for any other string. */
  decode(cursor: string, workflowId: string): HistoryPosition;
}

/**
 * A codec whose cursors are base64url JSON followed by an HMAC-SHA256 of it, so a client cannot
 * forge a position or reuse a cursor of another workflow.
 */
export function createCursorCodec(options: { secret: string }): CursorCodec {
  const sign = (payload: string) =>
    createHmac('sha256', options.secret).update(payload).digest();

  return {
    encode({ workflowId, placedAt }) {
      const payload = Buffer.from(
        JSON.stringify({ w: workflowId, p: placedAt }),
      ).toString('base64url');
      return `${payload}.${sign(payload).toString('base64url')}`;
    },

    decode(cursor, workflowId) {
      const [payload, signature, ...rest] = cursor.split('.');
      const expected = payload ? sign(payload) : undefined;
      const given = Buffer.from(signature ?? '', 'base64url');
      if (
        rest.length > 0 ||
        !expected ||
        given.length !== expected.length ||
        !timingSafeEqual(given, expected)
      ) {
        throw new InputError(
          'cursor is not valid: use the next_cursor of a previous page as it is',
        );
      }
      const position = JSON.parse(
        Buffer.from(payload, 'base64url').toString('utf8'),
      );
      if (
        typeof position?.w !== 'string' ||
        typeof position?.p !== 'number' ||
        !Number.isFinite(position.p)
      ) {
        throw new InputError(
          'cursor is not valid: it does not name a position',
        );
      }
      if (position.w !== workflowId) {
        throw new InputError(
          `cursor belongs to another workflow than ${workflowId}; start again without a cursor`,
        );
      }
      return { workflowId: position.w, placedAt: position.p };
    },
  };
}
