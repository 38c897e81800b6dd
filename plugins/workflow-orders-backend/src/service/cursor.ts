import { InputError } from '@backstage/errors';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Where the next page of a workflow's history starts. */
export interface HistoryPosition {
  readonly workflowId: string;
  /** `placed_at` of the last order already shown. */
  readonly placedAt: number;
  /** The count the first page answered; absent in cursors issued before counts were carried. */
  readonly totalCount?: number;
  /** False when that count is a lower bound. */
  readonly totalCountExact?: boolean;
}

/** Where the next page of the latest orders starts: after this workflow's row. */
export interface LatestOrdersPosition {
  readonly workflowId: string;
  /** `placed_at` of the latest order of that row. */
  readonly placedAt: number;
}

/**
 * The sort and filters of a page, as a string its cursors carry; `''` for the default (newest first,
 * unfiltered), so a cursor issued before there were filters stays valid.
 */
export type CursorScope = string;

/** Turns page positions into opaque, signed cursors and back. */
export interface CursorCodec {
  /** A cursor of a history page with this sort and these filters (`scope`). */
  encode(position: HistoryPosition, scope?: CursorScope): string;
  /**
   * The position of a cursor issued for `workflowId` with this `scope`; an `InputError` for any
   * other string, or for a cursor of another workflow, sort or filter.
   */
  decode(
    cursor: string,
    workflowId: string,
    scope?: CursorScope,
  ): HistoryPosition;
  /** A cursor of a page of the latest orders with these filters (`scope`). */
  encodeLatest(position: LatestOrdersPosition, scope?: CursorScope): string;
  /** The position of a latest-orders cursor issued with this `scope`; else an `InputError`. */
  decodeLatest(cursor: string, scope?: CursorScope): LatestOrdersPosition;
}

/** The scope of a history page: its sort and filters. */
export function historyScopeOf(query: {
  sort: string;
  direction?: string;
  code?: string;
}): CursorScope {
  const { sort, direction, code } = query;
  return sort === 'newest' && !direction && !code
    ? ''
    : [sort, direction ?? '', code ?? ''].join('|');
}

/** The scope of a latest-orders page: its filters, the workflows in any order. */
export function latestScopeOf(query: {
  direction?: string;
  code?: string;
  workflow_ids?: readonly string[];
}): CursorScope {
  const { direction, code, workflow_ids: ids } = query;
  return !direction && !code && !ids
    ? ''
    : [
        direction ?? '',
        code ?? '',
        [...new Set(ids ?? [])].sort().join(','),
      ].join('|');
}

const notValid = () =>
  new InputError(
    'cursor is not valid: use the next_cursor of a previous page as it is',
  );

/**
 * A codec whose cursors are base64url JSON followed by an HMAC-SHA256 of it, so a client cannot
 * forge a position or reuse a cursor of another workflow, page, sort or filter. A cursor carries a
 * digest of its scope rather than the scope itself, which stays short with a hundred workflow ids.
 */
export function createCursorCodec(options: { secret: string }): CursorCodec {
  const sign = (payload: string) =>
    createHmac('sha256', options.secret).update(payload).digest();
  const digestOf = (scope: CursorScope) =>
    scope
      ? createHash('sha256').update(scope).digest('base64url').slice(0, 22)
      : undefined;

  const encode = (body: Record<string, unknown>) => {
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${payload}.${sign(payload).toString('base64url')}`;
  };

  /** The signed body of a cursor with a position in it; an `InputError` for anything else. */
  const open = (cursor: string) => {
    const [payload, signature, ...rest] = cursor.split('.');
    const expected = payload ? sign(payload) : undefined;
    const given = Buffer.from(signature ?? '', 'base64url');
    if (
      rest.length > 0 ||
      !expected ||
      given.length !== expected.length ||
      !timingSafeEqual(given, expected)
    ) {
      throw notValid();
    }
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (
      typeof body?.w !== 'string' ||
      typeof body?.p !== 'number' ||
      !Number.isFinite(body.p)
    ) {
      throw new InputError('cursor is not valid: it does not name a position');
    }
    return body as {
      w: string;
      p: number;
      q?: string;
      l?: 1;
      c?: number;
      x?: 0;
    };
  };

  return {
    encode({ workflowId, placedAt, totalCount, totalCountExact }, scope = '') {
      return encode({
        w: workflowId,
        p: placedAt,
        q: digestOf(scope),
        c: totalCount,
        x: totalCountExact === false ? 0 : undefined,
      });
    },

    decode(cursor, workflowId, scope = '') {
      const body = open(cursor);
      if (body.l) throw notValid();
      if (body.w !== workflowId) {
        throw new InputError(
          `cursor belongs to another workflow than ${workflowId}; start again without a cursor`,
        );
      }
      if (body.q !== digestOf(scope)) {
        throw new InputError(
          'cursor belongs to another sort or filter; start again without a cursor',
        );
      }
      const counted =
        typeof body.c === 'number' && Number.isInteger(body.c) && body.c >= 0;
      return {
        workflowId: body.w,
        placedAt: body.p,
        ...(counted
          ? { totalCount: body.c, totalCountExact: body.x !== 0 }
          : {}),
      };
    },

    encodeLatest({ workflowId, placedAt }, scope = '') {
      return encode({ l: 1, w: workflowId, p: placedAt, q: digestOf(scope) });
    },

    decodeLatest(cursor, scope = '') {
      const body = open(cursor);
      if (!body.l) throw notValid();
      if (body.q !== digestOf(scope)) {
        throw new InputError(
          'cursor belongs to another filter; start again without a cursor',
        );
      }
      return { workflowId: body.w, placedAt: body.p };
    },
  };
}
