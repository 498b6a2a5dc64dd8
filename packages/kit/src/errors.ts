import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The one error type of the platform: a stable code, an HTTP status and a message fit for the caller. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function problemOf(code: string, status: number, detail: string, extra: Record<string, unknown> = {}): Problem {
  return {
    type: `https://emporium.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  problem.requestId = String(reply.request.id);
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns Ajv's findings into `{path, message}` pairs; path is a JSON pointer into the part named by its first segment. */
function fieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  const where = context === 'querystring' ? 'query' : (context ?? 'body');
  return validation.map((err) => {
    let path = err.instancePath;
    let message = err.message ?? 'is invalid';
    if (err.keyword === 'additionalProperties') {
      path += `/${String(err.params.additionalProperty)}`;
      message = 'is not an allowed field';
    } else if (err.keyword === 'required') {
      path += `/${String(err.params.missingProperty)}`;
      message = 'is required';
    }
    return { path: `/${where}${path}`, message };
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.warn({ code: error.code, err: error.message }, 'request failed');
      // A 429 or 503 may say when to come back (seconds), as the problem's `retryAfter` and the header.
      if (typeof error.extra.retryAfter === 'number') reply.header('retry-after', String(error.extra.retryAfter));
      return sendProblem(reply, problemOf(error.code, error.status, error.message, error.extra));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const errors = fieldErrors(fastifyError.validation as AjvError[], fastifyError.validationContext);
      const detail = errors.map((e) => `${e.path} ${e.message}`).join('; ');
      return sendProblem(reply, problemOf('REQUEST.INVALID', 400, detail, { errors }));
    }
    const status = fastifyError.statusCode ?? 500;
    if (status < 500) {
      return sendProblem(reply, problemOf(`REQUEST.${fastifyError.code ?? 'INVALID'}`, status, fastifyError.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problemOf('INTERNAL', 500, 'Something went wrong on our side. Please try again.'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemOf('ROUTE.NOT_FOUND', 404, `No route for ${request.method} ${request.url.split('?')[0]}`)),
  );
}

/** What the framework answers on its own (before any route runs), said as problems too. */
const FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL holds a malformed percent-encoding',
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment is longer than 100 characters',
};

/** Fastify's `frameworkErrors` option: a bad URL (400) or an over-long path id (414) as problem+json. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // No hook ran for this request, so its id is set here (every response carries one).
  reply.header('x-request-id', request.id);
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  const detail = FRAMEWORK_DETAILS[error.code] ?? 'The request could not be read';
  sendProblem(reply, problemOf(`REQUEST.${error.code ?? 'INVALID'}`, status, detail));
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'REQUEST.HEADERS_TOO_LARGE', 'The request headers are larger than the server accepts'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST.TIMEOUT', 'The request took too long to arrive'],
};

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request (a header over the size
 * limit is a 431, a timeout a 408) before there was a request to answer, so the problem is written
 * to the socket as it is.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'REQUEST.MALFORMED', 'The request is not valid HTTP'];
  const body = JSON.stringify(problemOf(code, status, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
