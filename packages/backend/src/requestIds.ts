/*
 * Request ids for the local portal's backend, the way a production backend wants them: every answer
 * carries an `X-Request-Id` header, every error body names the same id (`request.id`), and a log
 * line of the failed request carries it with the whole error body, cause included (the framework's
 * own error line before it has the stack). Outside
 * development an error body keeps only what a client can act on: the error's name and message, no
 * stack (the framework's rule), no `cause` (for a DynamoDB failure, the AWS SDK's error with its
 * internals), and for an unexpected failure (500) not even its message.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';

/** The header that carries a request's id, in both directions. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a client or a proxy in front may send: short, and nothing a log line could be forged with. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{8,64}$/;

interface ErrorBody {
  error?: Record<string, unknown>;
  request?: Record<string, unknown>;
  response?: { statusCode?: number };
}

const isErrorBody = (body: unknown): body is ErrorBody =>
  typeof body === 'object' &&
  body !== null &&
  'error' in body &&
  'response' in body;

/**
 * Gives each request an id (the caller's `X-Request-Id` when it is a sane one) and sends it back in
 * the header. An error body, whichever plugin's error handler writes it, gets the id, is logged with
 * it (with the cause, which the body then leaves out), and outside development keeps only the
 * error's name and message, or for an unexpected failure (500) only that one happened.
 */
export function requestIds(options: {
  logger: LoggerService;
  development: boolean;
}): RequestHandler {
  const logger = options.logger.child({ type: 'requestError' });
  return (req, res, next) => {
    const incoming = req.header(REQUEST_ID_HEADER);
    const id = incoming && ACCEPTED_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, id);
    const json = res.json.bind(res);
    res.json = body => {
      if (!isErrorBody(body)) return json(body);
      const status = body.response?.statusCode ?? res.statusCode;
      const meta = {
        requestId: id,
        method: req.method,
        url: req.originalUrl,
        status,
        error: JSON.stringify(body.error),
      };
      const line = `Request ${id} ${status >= 500 ? 'failed' : 'refused'} with ${status}`;
      if (status >= 500) logger.error(line, meta);
      else logger.info(line, meta);
      const error = options.development
        ? body.error
        : forClients(body.error ?? {}, status);
      return json({ ...body, error, request: { ...body.request, id } });
    };
    next();
  };
}

/** The error of a body as a client may see it outside development. */
function forClients(error: Record<string, unknown>, status: number) {
  if (status === 500) {
    return { name: 'Error', message: 'An internal error occurred' };
  }
  return {
    name: String(error.name ?? 'Error'),
    message: String(error.message ?? 'Request failed'),
  };
}

/**
 * The root HTTP router with request ids: the request id middleware first, then the framework's
 * defaults (helmet, CORS, compression, logging, rate limits, the routes, its error handler).
 */
export const rootHttpRouterWithRequestIds = rootHttpRouterServiceFactory({
  configure({ app, applyDefaults, logger }) {
    app.use(
      requestIds({
        logger,
        development: process.env.NODE_ENV === 'development',
      }),
    );
    applyDefaults();
  },
});
