/** The HTTP renderer of the error contract: status from the error's class, body = error object. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { SmaError, ValidationError, httpStatusOf, toErrorObject } from '../../core/errors.ts';

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const sma = asSmaError(error);
  const status = sma ? httpStatusOf(sma) : 500;
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ error_code: sma?.errorCode }, sma?.message ?? error.message);
  void reply.status(status).send({ ...toErrorObject(sma ?? error), request_id: request.id });
}

/** Maps Fastify's own errors (bad JSON, body too large, wrong content type) to our codes. */
function asSmaError(error: FastifyError | Error): SmaError | undefined {
  if (error instanceof SmaError) return error;
  if (error instanceof ZodError) {
    return new ValidationError('VALIDATION_FAILED', `Invalid input: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`, { details: { issues: error.issues } });
  }
  const code = (error as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ValidationError('VALIDATION_FAILED', `Malformed JSON body: ${error.message}`, { recovery: 'Send a valid JSON document.' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ValidationError('PAYLOAD_TOO_LARGE', 'The request body is larger than allowed.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ValidationError('UNSUPPORTED_MEDIA_TYPE', `Unsupported content type: ${error.message}`);
    case 'FST_ERR_VALIDATION':
      return new ValidationError('VALIDATION_FAILED', error.message, { details: { validation: (error as FastifyError).validation } });
    default:
      if ((error as FastifyError).statusCode === 404) return new ValidationError('NOT_FOUND', error.message);
      return undefined;
  }
}
