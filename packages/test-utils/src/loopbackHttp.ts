import http from 'node:http';
import type { AddressInfo, Server, Socket } from 'node:net';

/** A server listening on loopback, as {@link listenOnLoopback} started it. */
export interface LoopbackListener {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Stops listening and drops every open connection, answered or not. */
  close(): Promise<void>;
}

/**
 * Starts `server` on 127.0.0.1 (port 0: a free one) and keeps track of its connections, so that
 * closing it does not wait for kept-alive or never-answered ones.
 */
export async function listenOnLoopback(
  server: Server,
  port = 0,
): Promise<LoopbackListener> {
  const sockets = new Set<Socket>();
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    endpoint: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An HTTP answer, its body read whole. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Sends one request with `body` and reads the whole answer; an answer without a status is a 502. */
export function sendRequest(
  options: http.RequestOptions,
  body: Buffer | string,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(options, response => {
      const chunks: Buffer[] = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 502,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Passes a request on to `target` as it came (method, path, headers), over `agent`. */
export function passOn(
  target: URL,
  agent: http.Agent,
  request: http.IncomingMessage,
  body: Buffer,
): Promise<HttpAnswer> {
  return sendRequest(
    {
      host: target.hostname,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, host: target.host },
      agent,
    },
    body,
  );
}
