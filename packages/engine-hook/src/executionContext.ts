import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';

/** Longest `execution_context` the order schema accepts. */
const MAX_LENGTH = 200;

const invocation = new AsyncLocalStorage<string>();

/**
 * Runs `fn` as one Lambda invocation: orders recorded anywhere below it, across awaits and
 * callbacks, carry `lambda:<function>:<request id>` as their execution context.
 */
export function runInInvocation<T>(
  context: { functionName: string; awsRequestId: string },
  fn: () => T,
): T {
  return invocation.run(
    `lambda:${context.functionName}:${context.awsRequestId}`,
    fn,
  );
}

/** The context of the Lambda invocation running now, if any. */
export function currentInvocation(): string | undefined {
  return invocation.getStore();
}

function userName(env: NodeJS.ProcessEnv): string {
  try {
    return os.userInfo().username;
  } catch {
    // Containers often run as a uid without a passwd entry, where userInfo() throws.
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}

/**
 * Where this process runs, outside any wrapped invocation: `lambda:<function>` in AWS Lambda,
 * `cli:<user>@<host>` anywhere else.
 */
export function processExecutionContext(
  env: NodeJS.ProcessEnv = process.env,
): string {
  const context = env.AWS_LAMBDA_FUNCTION_NAME
    ? `lambda:${env.AWS_LAMBDA_FUNCTION_NAME}`
    : `cli:${userName(env)}@${os.hostname()}`;
  return context.slice(0, MAX_LENGTH);
}
