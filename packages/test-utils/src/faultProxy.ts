import http from 'node:http';
import { listenOnLoopback, passOn } from './loopbackHttp';

/** Kinds of fault the proxy injects. @public */
export type InjectedFault = 'http500' | 'throttle' | 'reset' | 'validation';

/** Settings of a {@link FaultProxy}; every one can be changed while it runs. @public */
export interface FaultProxySettings {
  /**
   * Delay added to every request before it is forwarded.
   *
   * @defaultValue 0
   */
  latencyMs: number;
  /**
   * Share of requests (0 to 1) that get a fault instead of a normal answer.
   *
   * @defaultValue 0
   */
  failureRate: number;
  /**
   * Faults to pick from, at random.
   *
   * @defaultValue ['http500', 'throttle', 'reset']
   */
  faults: InjectedFault[];
  /**
   * Whether a faulted request is still forwarded first: `before` drops it, `after` applies it and loses
   * the answer (the hardest case for idempotency), `random` does either.
   *
   * @defaultValue 'random'
   */
  faultTiming: 'before' | 'after' | 'random';
  /**
   * Accept connections and requests but never answer.
   *
   * @defaultValue false
   */
  blackhole: boolean;
}

/** Counts of what the proxy did. @public */
export interface FaultProxyStats {
  requests: number;
  /** Requests by DynamoDB operation, e.g. `{ BatchGetItem: 2, Query: 1 }`. */
  operations: Record<string, number>;
  /**
   * Items DynamoDB sent back, by operation (the `Items` of Query, Scan and BatchGetItem answers
   * forwarded unchanged): what reads cost in transfer, e.g. whether a page read only its rows.
   */
  itemsReturned: Record<string, number>;
  forwarded: number;
  injected: Record<InjectedFault, number>;
  blackholed: number;
}

/** A running fault-injecting proxy. @public */
export interface FaultProxy {
  /** Base URL to give a DynamoDB client as its endpoint. */
  readonly endpoint: string;
  readonly port: number;
  /** Changes settings from now on. */
  set(settings: Partial<FaultProxySettings>): void;
  /** Goes back to the settings it started with. */
  reset(): void;
  stats(): FaultProxyStats;
  /** Stops listening and drops every open connection, answered or not. */
  close(): Promise<void>;
}

/** Options of {@link startFaultProxy}. @public */
export interface FaultProxyOptions extends Partial<FaultProxySettings> {
  /** Where requests go, e.g. the embedded DynamoDB's endpoint. */
  readonly target: string;
  /**
   * Port to listen on (loopback only); 0 picks a free one.
   *
   * @defaultValue 0
   */
  readonly port?: number;
  /** Source of randomness, for repeatable runs. @defaultValue Math.random */
  readonly random?: () => number;
}

const FAULT_BODIES: Record<
  Exclude<InjectedFault, 'reset'>,
  [number, object]
> = {
  http500: [
    500,
    {
      __type: 'com.amazon.coral.service#InternalFailure',
      message: 'Injected internal failure',
    },
  ],
  throttle: [
    400,
    {
      __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
      message: 'Rate of requests exceeds the allowed throughput (injected)',
    },
  ],
  // What a bug in a request gets: not transient, so it is never retried.
  validation: [
    400,
    {
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'One or more parameter values were invalid (injected)',
    },
  ],
};

/**
 * Starts an HTTP proxy between a DynamoDB client and a DynamoDB endpoint that adds latency, injects
 * transient failures (HTTP 500, ThrottlingException, connection resets) or swallows requests whole.
 * It listens on loopback only.
 *
 * @public
 */
export async function startFaultProxy(
  options: FaultProxyOptions,
): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = options.random ?? Math.random;
  const settings: FaultProxySettings = {
    latencyMs: options.latencyMs ?? 0,
    failureRate: options.failureRate ?? 0,
    faults: options.faults ?? ['http500', 'throttle', 'reset'],
    faultTiming: options.faultTiming ?? 'random',
    blackhole: options.blackhole ?? false,
  };
  const initial = { ...settings, faults: [...settings.faults] };
  const stats: FaultProxyStats = {
    requests: 0,
    operations: {},
    itemsReturned: {},
    forwarded: 0,
    injected: { http500: 0, throttle: 0, reset: 0, validation: 0 },
    blackholed: 0,
  };
  /**
   * The items of a read's answer: the `Count` of a Query or Scan that sent items back (none for a
   * `Select: 'COUNT'`), read from the answer's text without parsing it (an attribute's value is an
   * object, so only the answer's own `Count` is a bare number); the `Responses` of a BatchGetItem.
   */
  const itemsIn = (operation: string, body: Buffer): number => {
    if (operation === 'Query' || operation === 'Scan') {
      const text = body.toString('latin1');
      if (!text.includes('"Items":[')) return 0;
      const count = /"Count":(\d+)/.exec(text);
      return count ? Number(count[1]) : 0;
    }
    if (operation !== 'BatchGetItem') return 0;
    try {
      const answer = JSON.parse(body.toString('utf8'));
      return Object.values<unknown[]>(answer.Responses ?? {}).reduce(
        (sum, items) => sum + items.length,
        0,
      );
    } catch {
      return 0;
    }
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', async () => {
      stats.requests += 1;
      // The operation is named by the X-Amz-Target header, e.g. DynamoDB_20120810.Query.
      const amzTarget = String(req.headers['x-amz-target'] ?? 'unknown');
      const operation = amzTarget.slice(amzTarget.lastIndexOf('.') + 1);
      stats.operations[operation] = (stats.operations[operation] ?? 0) + 1;
      if (settings.blackhole) {
        stats.blackholed += 1;
        return;
      }
      if (settings.latencyMs > 0) {
        await new Promise(resolve => setTimeout(resolve, settings.latencyMs));
      }
      const fault =
        random() < settings.failureRate && settings.faults.length > 0
          ? settings.faults[Math.floor(random() * settings.faults.length)]
          : undefined;
      const applyFirst =
        fault !== undefined &&
        (settings.faultTiming === 'after' ||
          (settings.faultTiming === 'random' && random() < 0.5));

      try {
        if (!fault || applyFirst) {
          const answer = await passOn(
            target,
            agent,
            req,
            Buffer.concat(chunks),
          );
          stats.forwarded += 1;
          if (!fault) {
            const items = itemsIn(operation, answer.body);
            if (items > 0) {
              stats.itemsReturned[operation] =
                (stats.itemsReturned[operation] ?? 0) + items;
            }
            const headers = { ...answer.headers };
            delete headers['transfer-encoding'];
            res.writeHead(answer.status, headers);
            res.end(answer.body);
            return;
          }
        }
        stats.injected[fault] += 1;
        if (fault === 'reset') {
          req.socket.destroy();
          return;
        }
        const [status, payload] = FAULT_BODIES[fault];
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(payload));
      } catch {
        res.writeHead(502, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(
          JSON.stringify({
            __type: 'com.amazon.coral.service#InternalFailure',
            message: 'DynamoDB behind the proxy is unreachable',
          }),
        );
      }
    });
  });
  const loopback = await listenOnLoopback(server, options.port);

  return {
    endpoint: loopback.endpoint,
    port: loopback.port,
    set(changes) {
      Object.assign(settings, changes);
    },
    reset() {
      Object.assign(settings, { ...initial, faults: [...initial.faults] });
    },
    stats: () => structuredClone(stats),
    close: async () => {
      agent.destroy();
      await loopback.close();
    },
  };
}

/**
 * Settings that answer every request with `fault`, none of them forwarded: DynamoDB throttling
 * everything, say, or failing inside.
 *
 * @public
 */
export function faultEveryRequest(
  fault: InjectedFault,
): Partial<FaultProxySettings> {
  return { failureRate: 1, faults: [fault], faultTiming: 'before' };
}

/**
 * Options of a proxy that injects `fault` into its `nth` request only (1 is the first) and forwards
 * every other one: `before` drops that request, `after` applies it and loses the answer.
 *
 * @public
 */
export function faultNthRequest(
  nth: number,
  fault: InjectedFault,
  faultTiming: 'before' | 'after',
): Omit<FaultProxyOptions, 'target'> {
  // The proxy draws once whether a request fails (1: it does not) and once which fault it gets.
  const draws = [...Array(nth - 1).fill(1), 0, 0];
  return {
    failureRate: 1,
    faults: [fault],
    faultTiming,
    random: () => draws.shift() ?? 1,
  };
}
