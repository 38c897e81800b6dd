import type {
  AuditorService,
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type {
  WorkflowAccess,
  WorkflowDecision,
  WorkflowDecisions,
} from './WorkflowAccess';

type AuditorServiceCreateRequest = NonNullable<
  Parameters<AuditorService['createEvent']>[0]['request']
>;

/** Who reads, and through which door; the request, when there is one, gives the auditor its actor. */
export interface ReadContext {
  readonly credentials: BackstageCredentials;
  readonly request?: AuditorServiceCreateRequest;
  /** `http` for the routes, `action` for the actions registry. */
  readonly via: 'http' | 'action';
}

/** The audit event every read of orders records. */
export const READ_EVENT_ID = 'orders-fetch';

/**
 * The caller of a read, as its `authorize` step sees them: their access decisions, asked with their
 * credentials, and what the audit event records should the read end from here on.
 */
export interface Caller {
  /** One decision per workflow id, in the order given ({@link WorkflowAccess.decide}). */
  decide(workflowIds: readonly string[]): Promise<WorkflowDecision[]>;
  /** The decision for every workflow ({@link WorkflowAccess.decideAll}). */
  decideAll(): Promise<WorkflowDecisions>;
  /**
   * What the event records from now on, when the read fails and, unless the read has an
   * `outcome`, when it succeeds; replaces what was noted before. Nothing is recorded until noted.
   */
  note(meta: JsonObject): void;
}

/**
 * One read of orders, in the two steps every read takes: `authorize` decides what the caller may
 * read (and throws the 404 of what they may not see), then `read` reads only what it granted. Run
 * through {@link createReadRunner}, which audits both.
 */
export interface ReadDefinition<Asked, Grant, Value> {
  /** What the audit event records of the request, besides the caller and the door. */
  audit(asked: Asked): JsonObject;
  /** What the caller may read of what is asked, decided through `caller` only. */
  authorize(asked: Asked, caller: Caller): Promise<Grant>;
  /** Reads what `authorize` granted. */
  read(grant: Grant, asked: Asked): Promise<Value>;
  /** What a success records, when not what `authorize` noted. */
  outcome?(value: Value, grant: Grant): JsonObject;
}

/** The caller as the audit log names it. */
function callerOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    BackstageUserPrincipal | BackstageServicePrincipal | BackstageNonePrincipal;
  if (principal.type === 'user') return principal.userEntityRef;
  if (principal.type === 'service') return principal.subject;
  return 'none';
}

/** Runs one read: see {@link createReadRunner}. */
export type ReadRunner = <Asked, Grant, Value>(
  definition: ReadDefinition<Asked, Grant, Value>,
  asked: Asked,
  context: ReadContext,
) => Promise<Value>;

/**
 * The one path of every read of orders: it creates the read's audit event (`orders-fetch`, with the
 * caller and the door), has the read authorize with the caller's access, reads what was granted,
 * and ends the event: a success, or a failure with the error and what was noted. A read whose
 * `authorize` returns without asking for any decision fails instead of reading.
 */
export function createReadRunner(options: {
  access: WorkflowAccess;
  auditor: AuditorService;
}): ReadRunner {
  const { access, auditor } = options;
  return async function run<Asked, Grant, Value>(
    definition: ReadDefinition<Asked, Grant, Value>,
    asked: Asked,
    context: ReadContext,
  ): Promise<Value> {
    const { credentials } = context;
    const event = await auditor.createEvent({
      eventId: READ_EVENT_ID,
      request: context.request,
      meta: {
        ...definition.audit(asked),
        caller: callerOf(credentials),
        via: context.via,
      },
    });
    let noted: JsonObject | undefined;
    let decided = false;
    const caller: Caller = {
      decide: workflowIds => {
        decided = true;
        return access.decide({ workflowIds, credentials });
      },
      decideAll: () => {
        decided = true;
        return access.decideAll({ credentials });
      },
      note: meta => {
        noted = meta;
      },
    };
    let grant: Grant;
    let value: Value;
    try {
      grant = await definition.authorize(asked, caller);
      if (!decided) {
        throw new Error(
          `A read of orders (${JSON.stringify(definition.audit(asked))}) was granted without an access decision`,
        );
      }
      value = await definition.read(grant, asked);
    } catch (error) {
      await event.fail({ error: error as Error, meta: noted });
      throw error;
    }
    await event.success({
      meta: definition.outcome?.(value, grant) ?? noted,
    });
    return value;
  };
}
