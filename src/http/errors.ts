/**
 * The closed list of error codes. Services throw DomainError; the one error handler in
 * http/error-handler.ts renders it as application/problem+json (RFC 9457).
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, type: 'epcisException:ValidationException', title: 'Invalid input' },
  BAD_QUERY_PARAMETER: {
    status: 400,
    type: 'epcisException:QueryParameterException',
    title: 'Invalid query parameter',
  },
  MALFORMED_JSON: { status: 400, type: 'epcisException:ValidationException', title: 'Malformed JSON' },
  MALFORMED_XML: { status: 400, type: 'epcisException:ValidationException', title: 'Malformed XML' },
  UNAUTHENTICATED: {
    status: 401,
    type: 'epcisException:SecurityException',
    title: 'Authentication required',
  },
  FORBIDDEN: { status: 403, type: 'epcisException:SecurityException', title: 'Not allowed' },
  NOT_FOUND: { status: 404, type: 'epcisException:NoSuchResourceException', title: 'Not found' },
  NOT_ACCEPTABLE: { status: 406, type: 'epcisException:NotAcceptableException', title: 'Not acceptable' },
  EVENT_EXISTS: {
    status: 409,
    type: 'epcisException:ResourceAlreadyExistsException',
    title: 'Event already exists',
  },
  QUERY_EXISTS: {
    status: 409,
    type: 'epcisException:ResourceAlreadyExistsException',
    title: 'Query already exists',
  },
  CONFLICT: { status: 409, type: 'about:blank', title: 'Conflicts with the current state' },
  IMPORT_NOT_FINISHED: { status: 409, type: 'about:blank', title: 'Import not finished' },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    type: 'epcisException:CaptureLimitExceededException',
    title: 'Too large',
  },
  QUERY_TOO_LARGE: {
    status: 413,
    type: 'epcisException:QueryTooLargeException',
    title: 'Query result too large',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    type: 'epcisException:UnsupportedMediaTypeException',
    title: 'Unsupported media type',
  },
  RATE_LIMITED: { status: 429, type: 'about:blank', title: 'Too many requests' },
  INTERNAL: { status: 500, type: 'epcisException:ImplementationException', title: 'Internal error' },
  UNAVAILABLE: { status: 503, type: 'about:blank', title: 'Service unavailable' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldError {
  /** JSON pointer into the request body, or the query parameter name for query errors. */
  pointer: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export const problemContentType = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
}

export function toProblem(error: DomainError, instance?: string): Problem {
  const entry = errorCatalogue[error.code];
  return {
    type: entry.type,
    title: entry.title,
    status: entry.status,
    detail: error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(error.errors.length > 0 ? { errors: error.errors } : {}),
  };
}
