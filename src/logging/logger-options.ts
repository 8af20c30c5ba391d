import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import pino from 'pino';
import { redactPersonalData } from './redact';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * One JSON line per request (request id, method, path, status, duration) and per
 * app message. No bodies, headers, query strings or cookies are logged, and any
 * email address in a message is masked: training records are personal data.
 */
export function loggerOptions(level: string, file?: string): Params {
  return {
    pinoHttp: {
      level,
      stream: file ? pino.destination({ dest: file, sync: true }) : undefined,
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const given = request.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          path: request.url.split('?')[0],
        }),
        res: (response: { statusCode: number }) => ({ status: response.statusCode }),
        err: (error: Error) => ({ type: error.name, message: redactPersonalData(error.message) }),
      },
      customAttributeKeys: { responseTime: 'durationMs' },
      autoLogging: { ignore: (request: IncomingMessage) => (request.url ?? '').startsWith('/assets/') },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? redactPersonalData(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
  };
}
