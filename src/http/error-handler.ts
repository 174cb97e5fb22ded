import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type FieldError, problemContentType, toProblem } from './errors.js';

interface AjvLikeError {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

function fromValidation(error: FastifyError): DomainError {
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  const errors: FieldError[] = ((error.validation ?? []) as AjvLikeError[]).map((v) => {
    let pointer = v.instancePath ?? '';
    if (v.keyword === 'required' && typeof v.params?.missingProperty === 'string') {
      pointer += `/${v.params.missingProperty}`;
    }
    if (v.keyword === 'additionalProperties' && typeof v.params?.additionalProperty === 'string') {
      pointer += `/${v.params.additionalProperty}`;
    }
    if (context === 'querystring') pointer = pointer.replace(/^\//, '');
    return { pointer, message: v.message ?? 'is invalid' };
  });
  const code = context === 'querystring' ? 'BAD_QUERY_PARAMETER' : 'VALIDATION_FAILED';
  return new DomainError(code, `The request ${context} is invalid`, errors);
}

/** Maps every error to application/problem+json; the only place where HTTP statuses are chosen for errors. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let domain: DomainError;
    if (error instanceof DomainError) domain = error;
    else if (error.validation) domain = fromValidation(error);
    else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413)
      domain = new DomainError('PAYLOAD_TOO_LARGE', 'The request body is larger than this endpoint accepts');
    else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415)
      domain = new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted here`,
      );
    else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      domain = new DomainError('VALIDATION_FAILED', 'The request body is empty', [
        { pointer: '', message: 'a JSON body is required' },
      ]);
    else if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
      domain = new DomainError('MALFORMED_JSON', `The body is not valid JSON: ${error.message}`, [
        { pointer: '', message: error.message },
      ]);
    else if (error.statusCode === 429) domain = new DomainError('RATE_LIMITED', error.message);
    else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      domain = new DomainError('VALIDATION_FAILED', error.message);
    else {
      request.log.error({ err: error }, 'unhandled error');
      domain = new DomainError('INTERNAL', 'An internal error occurred; it has been logged');
    }
    const problem = toProblem(domain, request.url);
    void reply.status(problem.status).type(problemContentType).send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const problem = toProblem(
      new DomainError('NOT_FOUND', `No resource at ${request.method} ${request.url}`),
      request.url,
    );
    void reply.status(404).type(problemContentType).send(problem);
  });
}
