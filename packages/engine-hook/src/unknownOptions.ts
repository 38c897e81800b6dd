import leven from 'leven';
import type { OrderRecorderOptionsBase } from './options';

/** Every option, so that any other is refused; the type keeps the list whole. */
const OPTION_NAMES: Record<
  keyof OrderRecorderOptionsBase | 'client' | 'clientConfig',
  true
> = {
  tableName: true,
  client: true,
  clientConfig: true,
  logger: true,
  onError: true,
  maxQueue: true,
  concurrency: true,
  attemptTimeoutMs: true,
  orderDeadlineMs: true,
  maxAttempts: true,
  retryBaseDelayMs: true,
  retryMaxDelayMs: true,
  flushTimeoutMs: true,
  executionContext: true,
  stateDirectory: true,
  maxSpillBytes: true,
  disabled: true,
};
const KNOWN_OPTIONS = Object.keys(OPTION_NAMES);

/** Settings of the AWS SDK client that belong inside `clientConfig`, not beside it. */
const CLIENT_SETTINGS = new Set([
  'endpoint',
  'region',
  'credentials',
  'profile',
  'requestHandler',
  'retryMode',
  'retryStrategy',
  'useFipsEndpoint',
  'useDualstackEndpoint',
  'customUserAgent',
]);

/** The option meant by an unknown name, when it is plain: an SDK setting, a case slip or a typo. */
function meant(name: string): string | undefined {
  if (CLIENT_SETTINGS.has(name)) return `clientConfig.${name}`;
  if (name === 'table') return 'tableName';
  const lower = name.toLowerCase();
  return KNOWN_OPTIONS.find(
    known => leven(known.toLowerCase(), lower) <= (lower.length > 4 ? 2 : 0),
  );
}

/**
 * Throws a `TypeError` naming every option the recorder does not know, with the option meant where
 * that is plain, e.g. `endpoint` for `clientConfig.endpoint`.
 */
export function refuseUnknownOptions(options: object): void {
  const unknown = Object.keys(options).filter(
    name => !KNOWN_OPTIONS.includes(name),
  );
  if (unknown.length === 0) return;
  const named = unknown.map(name => {
    const suggestion = meant(name);
    return suggestion ? `'${name}' (did you mean ${suggestion}?)` : `'${name}'`;
  });
  throw new TypeError(
    `createOrderRecorder: unknown option${unknown.length > 1 ? 's' : ''} ${named.join(', ')}`,
  );
}
