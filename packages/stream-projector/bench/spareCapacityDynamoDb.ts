/**
 * DynamoDB as the projector sees it in AWS, where a table spreads writes over partitions: every
 * call answered after a fixed latency, with capacity to spare. It answers each UpdateItem as
 * applied (`{}`) and stores nothing, so what is measured is the projector, not an emulator. It runs
 * in a process of its own, as DynamoDB does not share the function's processor.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const ENDPOINT_MESSAGE = 'spare-capacity-endpoint:';

/** Starts the stand-in in a child process; answers with its endpoint and how to stop it. */
export async function startSpareCapacityDynamoDb(latencyMs: number) {
  const child = fork(__filename, [String(latencyMs)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', code =>
      reject(new Error(`The DynamoDB stand-in exited with code ${code}`)),
    );
    child.on('message', message => {
      if (typeof message === 'string' && message.startsWith(ENDPOINT_MESSAGE)) {
        resolve(message.slice(ENDPOINT_MESSAGE.length));
      }
    });
  });
  child.removeAllListeners('exit');
  return {
    endpoint,
    stop: () =>
      new Promise<void>(resolve => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

function serve(latencyMs: number) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(200, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-requestid': randomUUID(),
        });
        res.end('{}');
      }, latencyMs),
    );
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.(`${ENDPOINT_MESSAGE}http://127.0.0.1:${port}`);
  });
}

if (require.main === module) serve(Number(process.argv[2]));
