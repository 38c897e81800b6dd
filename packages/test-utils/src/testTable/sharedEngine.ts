import {
  embeddedEngine,
  startEmbeddedDynamoDb,
  type EmbeddedDynamoDb,
  type EmbeddedEngine,
} from '../embedded';

/** One use of the engine a test file shares between its test tables. */
export interface SharedEngine {
  /** Stops the engine for every user, as in an outage. */
  stop(): Promise<void>;
  /** Starts the stopped engine again on its port, empty. */
  start(): Promise<void>;
  /** Ends this use; the last one stops the engine. */
  release(): Promise<void>;
  /** The running engine (another object after a restart, on the same port). */
  readonly db: EmbeddedDynamoDb;
}

interface Running {
  starting: Promise<EmbeddedDynamoDb>;
  db?: EmbeddedDynamoDb;
  users: number;
  stopped: boolean;
}

// Jest loads modules afresh for each test file, so this map is the test file's own.
const running = new Map<EmbeddedEngine, Running>();

/**
 * Takes the engine of this kind that the test file runs, starting it (without a table) for the
 * first user.
 */
export async function acquireEngine(
  kind?: EmbeddedEngine,
): Promise<SharedEngine> {
  const engine = embeddedEngine(kind);
  let entry = running.get(engine);
  if (!entry) {
    entry = {
      starting: startEmbeddedDynamoDb({ engine, tableName: false }),
      users: 0,
      stopped: false,
    };
    running.set(engine, entry);
  }
  const shared = entry;
  shared.users += 1;
  try {
    shared.db = await shared.starting;
  } catch (error) {
    running.delete(engine);
    throw error;
  }
  let released = false;
  return {
    get db() {
      return shared.db!;
    },
    async stop() {
      shared.stopped = true;
      await shared.db!.stop();
    },
    async start() {
      shared.starting = startEmbeddedDynamoDb({
        engine,
        port: shared.db!.port,
        tableName: false,
      });
      shared.db = await shared.starting;
      shared.stopped = false;
    },
    async release() {
      if (released) return;
      released = true;
      shared.users -= 1;
      if (shared.users > 0) return;
      running.delete(engine);
      if (!shared.stopped) await shared.db!.stop();
    },
  };
}
