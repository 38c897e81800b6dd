import http from 'node:http';
import { crc32 } from 'node:zlib';
import { passOn, sendRequest, type HttpAnswer } from '../loopbackHttp';

/** An answer of the DynamoDB engine behind the feed. */
export type UpstreamAnswer = HttpAnswer;

/** Request headers that describe a body or an encoding the feed changes or does not read. */
const DROPPED_REQUEST_HEADERS = new Set([
  'host',
  'content-length',
  'accept-encoding',
  'connection',
  'transfer-encoding',
]);

/** Sends requests to the engine over kept-alive connections. */
export class Upstream {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly target: URL) {}

  /** Sends `body` as the DynamoDB operation `operation`, with the client's other headers. */
  send(
    operation: string,
    body: Buffer | string,
    clientHeaders: http.IncomingHttpHeaders,
  ): Promise<UpstreamAnswer> {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(clientHeaders)) {
      if (!DROPPED_REQUEST_HEADERS.has(name)) headers[name] = value;
    }
    headers.host = this.target.host;
    headers['x-amz-target'] = `DynamoDB_20120810.${operation}`;
    headers['content-length'] = Buffer.byteLength(body);
    return sendRequest(
      {
        host: this.target.hostname,
        port: this.target.port,
        method: 'POST',
        path: '/',
        headers,
        agent: this.agent,
      },
      body,
    );
  }

  /** Passes any request on as it came: other methods, paths and operations than the feed's. */
  pass(request: http.IncomingMessage, body: Buffer): Promise<UpstreamAnswer> {
    return passOn(this.target, this.agent, request, body);
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Answers the client. A changed body gets its own length and checksum: DynamoDB signs its answers
 * with `x-amz-crc32`, which boto3 and the AWS CLI check.
 */
export function answer(
  response: http.ServerResponse,
  upstream: UpstreamAnswer,
  body: Buffer = upstream.body,
): void {
  const headers: http.OutgoingHttpHeaders = { ...upstream.headers };
  delete headers['transfer-encoding'];
  delete headers.connection;
  headers['content-length'] = body.length;
  if (body !== upstream.body && headers['x-amz-crc32'] !== undefined) {
    headers['x-amz-crc32'] = String(crc32(body));
  }
  response.writeHead(upstream.status, headers);
  response.end(body);
}

/** The answer DynamoDB gives when the engine behind cannot be reached; clients retry it. */
export function unreachable(response: http.ServerResponse): void {
  response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(
    JSON.stringify({
      __type: 'com.amazon.coral.service#InternalFailure',
      message: 'The DynamoDB engine behind the change feed is unreachable',
    }),
  );
}
