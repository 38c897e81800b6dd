import { mockCredentials } from '@backstage/backend-test-utils';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { accessWith, recordingAuditor } from '../__testUtils__/access';
import {
  createReadRunner,
  type ReadContext,
  type ReadDefinition,
} from './auditedRead';
import type { WorkflowDecision } from './WorkflowAccess';

const WORKFLOW = '550e8400-e29b-41d4-a716-446655440000';

/** A read of one workflow's name: it asks for the workflow's decision and notes it. */
const readOfName = (
  overrides: Partial<
    ReadDefinition<{ workflowId: string }, string, string>
  > = {},
): ReadDefinition<{ workflowId: string }, string, string> => ({
  audit: ({ workflowId }) => ({ queryType: 'name', workflowId }),
  async authorize({ workflowId }, caller) {
    const [decision] = await caller.decide([workflowId]);
    caller.note({ decision });
    if (decision !== 'allowed') throw new NotFoundError(workflowId);
    return workflowId;
  },
  read: async grant => `the name of ${grant}`,
  ...overrides,
});

describe('createReadRunner', () => {
  const context: ReadContext = {
    credentials: mockCredentials.user('user:default/alice'),
    via: 'http',
  };
  const setup = (
    decisions: Record<string, WorkflowDecision> = { [WORKFLOW]: 'allowed' },
  ) => {
    const access = accessWith(decisions);
    const { auditor, events } = recordingAuditor();
    return {
      run: createReadRunner({ access, auditor }),
      access,
      auditor,
      events,
    };
  };

  it('creates one orders-fetch event with what was asked, the caller and the door, and ends it as a success', async () => {
    // Prepare
    const { run, access, auditor, events } = setup();

    // Act
    const value = await run(readOfName(), { workflowId: WORKFLOW }, context);

    // Assess
    expect(value).toBe(`the name of ${WORKFLOW}`);
    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'orders-fetch',
      request: undefined,
      meta: {
        queryType: 'name',
        workflowId: WORKFLOW,
        caller: 'user:default/alice',
        via: 'http',
      },
    });
    expect(access.decide).toHaveBeenCalledWith({
      workflowIds: [WORKFLOW],
      credentials: context.credentials,
    });
    expect(events[0].success).toHaveBeenCalledWith({
      meta: { decision: 'allowed' },
    });
    expect(events[0].fail).not.toHaveBeenCalled();
  });

  it.each([
    [mockCredentials.user('user:default/bob'), 'action', 'user:default/bob'],
    [mockCredentials.service('plugin:catalog'), 'action', 'plugin:catalog'],
    [mockCredentials.none(), 'http', 'none'],
  ] as const)(
    'names the caller %s through the door %s as %s',
    async (credentials, via, caller) => {
      const { run, auditor } = setup();

      await run(readOfName(), { workflowId: WORKFLOW }, { credentials, via });

      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          meta: expect.objectContaining({ caller, via }),
        }),
      );
    },
  );

  it('passes the request to the auditor, which names the actor from it', async () => {
    const { run, auditor } = setup();
    const request = { method: 'GET', url: '/workflows' } as any;

    await run(readOfName(), { workflowId: WORKFLOW }, { ...context, request });

    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ request }),
    );
  });

  it('records the outcome of a success instead of what was noted, when the read has one', async () => {
    const { run, events } = setup();

    await run(
      readOfName({
        outcome: (value, grant) => ({ length: value.length, grant }),
      }),
      { workflowId: WORKFLOW },
      context,
    );

    expect(events[0].success).toHaveBeenCalledWith({
      meta: { length: `the name of ${WORKFLOW}`.length, grant: WORKFLOW },
    });
  });

  it.each([
    ['a denied', 'denied'],
    ['an unknown', 'unknown'],
  ] as const)(
    'fails the event of %s workflow with the 404 and the decision, reading nothing',
    async (_case, decision) => {
      // Prepare
      const { run, events } = setup({ [WORKFLOW]: decision });
      const read = jest.fn();

      // Act
      const running = run(
        readOfName({ read }),
        { workflowId: WORKFLOW },
        context,
      );

      // Assess
      await expect(running).rejects.toThrow(NotFoundError);
      expect(read).not.toHaveBeenCalled();
      expect(events).toHaveLength(1);
      expect(events[0].fail).toHaveBeenCalledWith({
        error: expect.any(NotFoundError),
        meta: { decision },
      });
      expect(events[0].success).not.toHaveBeenCalled();
    },
  );

  it('fails the event with the error of a read that fails, and what was noted', async () => {
    const { run, events } = setup();
    const outage = new ServiceUnavailableError('DynamoDB did not answer');

    const running = run(
      readOfName({ read: async () => Promise.reject(outage) }),
      { workflowId: WORKFLOW },
      context,
    );

    await expect(running).rejects.toBe(outage);
    expect(events[0].fail).toHaveBeenCalledWith({
      error: outage,
      meta: { decision: 'allowed' },
    });
    expect(events[0].success).not.toHaveBeenCalled();
  });

  it('refuses a read whose authorize asks for no decision, and fails its event', async () => {
    // Prepare
    const { run, events } = setup();
    const read = jest.fn();

    // Act
    const running = run(
      readOfName({ authorize: async ({ workflowId }) => workflowId, read }),
      { workflowId: WORKFLOW },
      context,
    );

    // Assess
    await expect(running).rejects.toThrow(
      `A read of orders ({"queryType":"name","workflowId":"${WORKFLOW}"}) was granted without an access decision`,
    );
    expect(read).not.toHaveBeenCalled();
    expect(events[0].fail).toHaveBeenCalledWith({
      error: expect.objectContaining({
        message: expect.stringContaining('without an access decision'),
      }),
      meta: undefined,
    });
  });

  it('counts the decision for every workflow as a decision', async () => {
    const { run, access } = setup();

    const value = await run(
      readOfName({
        async authorize({ workflowId }, caller) {
          const all = await caller.decideAll();
          caller.note({ anyAllowed: all.anyAllowed });
          return workflowId;
        },
      }),
      { workflowId: WORKFLOW },
      context,
    );

    expect(value).toBe(`the name of ${WORKFLOW}`);
    expect(access.decideAll).toHaveBeenCalledWith({
      credentials: context.credentials,
    });
  });
});
