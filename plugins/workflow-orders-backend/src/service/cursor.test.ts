import { InputError } from '@backstage/errors';
import { createHmac } from 'node:crypto';
import {
  createCursorCodec,
  historyScopeOf,
  latestScopeOf,
  type CursorCodec,
} from './cursor';

const SECRET = 'a secret of these tests';
const WORKFLOW = '550e8400-e29b-41d4-a716-446655440000';
const OTHER_WORKFLOW = '6f1c2a8e-2b7d-4c3e-9a10-2f4b5c6d7e8f';
const PLACED_AT = 1_767_225_600.25;
const NOT_VALID =
  'cursor is not valid: use the next_cursor of a previous page as it is';

/** A cursor of `body` signed as the codec signs, so only its content can be wrong. */
function signed(body: unknown, secret = SECRET): string {
  const payload = Buffer.from(
    typeof body === 'string' ? body : JSON.stringify(body),
  ).toString('base64url');
  const signature = createHmac('sha256', secret)
    .update(payload)
    .digest('base64url');
  return `${payload}.${signature}`;
}

/** What `decode` throws, asserting it is an `InputError`. */
function inputErrorOf(decode: () => unknown): InputError {
  let thrown: unknown;
  try {
    decode();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputError);
  return thrown as InputError;
}

describe('createCursorCodec', () => {
  let cursors: CursorCodec;

  beforeEach(() => {
    cursors = createCursorCodec({ secret: SECRET });
  });

  describe('history cursors', () => {
    it('decode to the position they were issued for', () => {
      const cursor = cursors.encode({ workflowId: WORKFLOW, placedAt: 12.5 });

      expect(cursors.decode(cursor, WORKFLOW)).toEqual({
        workflowId: WORKFLOW,
        placedAt: 12.5,
      });
    });

    it.each([
      [{ totalCount: 3 }, { totalCount: 3, totalCountExact: true }],
      [
        { totalCount: 1000, totalCountExact: false },
        { totalCount: 1000, totalCountExact: false },
      ],
      [
        { totalCount: 0, totalCountExact: true },
        { totalCount: 0, totalCountExact: true },
      ],
    ])('carry the count %j as %j', (count, expected) => {
      const cursor = cursors.encode({
        workflowId: WORKFLOW,
        placedAt: PLACED_AT,
        ...count,
      });

      expect(cursors.decode(cursor, WORKFLOW)).toEqual({
        workflowId: WORKFLOW,
        placedAt: PLACED_AT,
        ...expected,
      });
    });

    it.each([-1, 2.5, '3'])('leave out a carried count of %j', count => {
      const cursor = signed({ w: WORKFLOW, p: PLACED_AT, c: count });

      expect(cursors.decode(cursor, WORKFLOW)).toEqual({
        workflowId: WORKFLOW,
        placedAt: PLACED_AT,
      });
    });

    it('decode only with the scope they were issued for', () => {
      const scope = historyScopeOf({ sort: 'oldest', code: 'DAX.I' });
      const cursor = cursors.encode(
        { workflowId: WORKFLOW, placedAt: PLACED_AT },
        scope,
      );

      expect(cursors.decode(cursor, WORKFLOW, scope).placedAt).toBe(PLACED_AT);
      const otherScope =
        'cursor belongs to another sort or filter; start again without a cursor';
      expect(inputErrorOf(() => cursors.decode(cursor, WORKFLOW)).message).toBe(
        otherScope,
      );
      expect(
        inputErrorOf(() =>
          cursors.decode(cursor, WORKFLOW, historyScopeOf({ sort: 'oldest' })),
        ).message,
      ).toBe(otherScope);
    });

    it('are refused for another workflow', () => {
      const cursor = cursors.encode({ workflowId: WORKFLOW, placedAt: 1 });

      expect(
        inputErrorOf(() => cursors.decode(cursor, OTHER_WORKFLOW)).message,
      ).toBe(
        `cursor belongs to another workflow than ${OTHER_WORKFLOW}; start again without a cursor`,
      );
    });

    it('are refused where a latest-orders cursor is expected', () => {
      const cursor = cursors.encode({ workflowId: WORKFLOW, placedAt: 1 });

      expect(inputErrorOf(() => cursors.decodeLatest(cursor)).message).toBe(
        NOT_VALID,
      );
    });
  });

  describe('latest-orders cursors', () => {
    it('decode to the position they were issued for, with their filters', () => {
      const scope = latestScopeOf({ direction: 'BUY' });
      const cursor = cursors.encodeLatest(
        { workflowId: WORKFLOW, placedAt: PLACED_AT },
        scope,
      );

      expect(cursors.decodeLatest(cursor, scope)).toEqual({
        workflowId: WORKFLOW,
        placedAt: PLACED_AT,
      });
      expect(inputErrorOf(() => cursors.decodeLatest(cursor)).message).toBe(
        'cursor belongs to another filter; start again without a cursor',
      );
    });

    it('are refused where a history cursor is expected', () => {
      const cursor = cursors.encodeLatest({
        workflowId: WORKFLOW,
        placedAt: 1,
      });

      expect(inputErrorOf(() => cursors.decode(cursor, WORKFLOW)).message).toBe(
        NOT_VALID,
      );
    });
  });

  describe('a cursor that was tampered with', () => {
    const cursor = () =>
      cursors.encode({ workflowId: WORKFLOW, placedAt: PLACED_AT });
    const flip = (text: string, index: number) =>
      `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;

    it.each([
      ['a byte of its position changed', (c: string) => flip(c, 3)],
      [
        'a byte of its signature changed',
        (c: string) => flip(c, c.indexOf('.') + 2),
      ],
      [
        'another position under its signature',
        (c: string) =>
          `${signed({ w: WORKFLOW, p: PLACED_AT + 3600 }).split('.')[0]}.${c.split('.')[1]}`,
      ],
      ['its signature cut short', (c: string) => c.slice(0, -4)],
      ['its signature removed', (c: string) => c.split('.')[0]],
      ['a part added', (c: string) => `${c}.more`],
    ])('is refused with %s', (_case, tamper) => {
      expect(
        inputErrorOf(() => cursors.decode(tamper(cursor()), WORKFLOW)).message,
      ).toBe(NOT_VALID);
    });

    it('is refused by a codec of another secret', () => {
      const other = createCursorCodec({ secret: 'another secret' });

      expect(inputErrorOf(() => other.decode(cursor(), WORKFLOW)).message).toBe(
        NOT_VALID,
      );
    });
  });

  it.each([
    '',
    '.',
    'abc.def',
    'not a cursor',
    '..',
    '%%%.%%%',
    'x'.repeat(600),
  ])('refuses the garbage %j', garbage => {
    expect(inputErrorOf(() => cursors.decode(garbage, WORKFLOW)).message).toBe(
      NOT_VALID,
    );
    expect(inputErrorOf(() => cursors.decodeLatest(garbage)).message).toBe(
      NOT_VALID,
    );
  });

  it.each([
    { p: PLACED_AT },
    { w: WORKFLOW },
    { w: WORKFLOW, p: 'soon' },
    { w: 7, p: PLACED_AT },
    null,
  ])('refuses a signed cursor without a position: %j', body => {
    expect(
      inputErrorOf(() => cursors.decode(signed(body), WORKFLOW)).message,
    ).toBe('cursor is not valid: it does not name a position');
  });

  it('carries no expiry: a position past the retention still decodes, the store leaving out what expired', () => {
    const cursor = signed({ w: WORKFLOW, p: 1 });

    expect(cursors.decode(cursor, WORKFLOW)).toEqual({
      workflowId: WORKFLOW,
      placedAt: 1,
    });
  });
});

describe('historyScopeOf', () => {
  it('is empty for the newest-first, unfiltered history', () => {
    expect(historyScopeOf({ sort: 'newest' })).toBe('');
  });

  it.each([
    [{ sort: 'oldest' }, 'oldest||'],
    [{ sort: 'newest', direction: 'BUY' }, 'newest|BUY|'],
    [{ sort: 'oldest', direction: 'SELL', code: 'DAX.I' }, 'oldest|SELL|DAX.I'],
  ])('names %j as %j', (query, scope) => {
    expect(historyScopeOf(query)).toBe(scope);
  });
});

describe('latestScopeOf', () => {
  it('is empty without filters', () => {
    expect(latestScopeOf({})).toBe('');
  });

  it('names the workflows in any order and once each', () => {
    expect(
      latestScopeOf({ workflow_ids: [WORKFLOW, OTHER_WORKFLOW, WORKFLOW] }),
    ).toBe(latestScopeOf({ workflow_ids: [OTHER_WORKFLOW, WORKFLOW] }));
    expect(latestScopeOf({ code: 'DAX.I', workflow_ids: [WORKFLOW] })).toBe(
      `|DAX.I|${WORKFLOW}`,
    );
  });
});
