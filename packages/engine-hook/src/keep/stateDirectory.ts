import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where a recorder keeps the orders it could not store, unless told otherwise:
 * `WORKFLOW_ORDERS_STATE_DIR`; none in AWS Lambda, which has no disk that outlives the container
 * (the function's log keeps them there); else the user's state directory
 * (`$XDG_STATE_HOME/workflow-orders`, or `~/.local/state/workflow-orders`).
 */
export function defaultStateDirectory(
  env: NodeJS.ProcessEnv = process.env,
): string | false {
  if (env.WORKFLOW_ORDERS_STATE_DIR) return env.WORKFLOW_ORDERS_STATE_DIR;
  if (env.AWS_LAMBDA_FUNCTION_NAME) return false;
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'workflow-orders');
}

/** The folder of one table's spill files: tables never replay each other's orders. */
export function spillDirectoryOf(stateDirectory: string, tableName: string) {
  return join(stateDirectory, encodeURIComponent(tableName));
}
