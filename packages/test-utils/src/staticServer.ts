import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

/** A directory served over HTTP on the loopback interface. */
export interface ServedDirectory {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Stops serving, closing open connections; resolves once the server is closed. */
  close(): Promise<void>;
}

/**
 * Serves the files of `dir` on 127.0.0.1, on `port` or on a free one, as a single-page app is
 * served: a path that names no file answers with `dir/index.html`, and the app's router takes it.
 */
export async function serveDirectory(
  dir: string,
  options: { port?: number } = {},
): Promise<ServedDirectory> {
  const root = resolve(dir);
  const app = express();
  // `redirect: false`: a folder's path goes to the app too, not to the folder with a slash.
  app.use(express.static(root, { redirect: false }));
  app.use((_request, response) => response.sendFile(join(root, 'index.html')));
  const server = await new Promise<Server>((ok, fail) => {
    const listening = app.listen(options.port ?? 0, '127.0.0.1', () =>
      ok(listening),
    );
    listening.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close(error => (error ? fail(error) : ok()));
        server.closeAllConnections();
      }),
  };
}
