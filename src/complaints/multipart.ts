import { DomainError } from '../http/errors.js';

// multipart/form-data (RFC 7578) for the complaint form, parsed from a body Fastify has already
// buffered under the route's bodyLimit. The form is small and fixed (a few fields, at most three
// photos), so a buffered parser is simpler than a streaming dependency.

export interface UploadedFile {
  field: string;
  filename: string;
  declaredType: string;
  data: Buffer;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: UploadedFile[];
}

export interface MultipartLimits {
  maxParts: number;
  maxFieldBytes: number;
}

const crlf = Buffer.from('\r\n');
const headerEnd = Buffer.from('\r\n\r\n');

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new DomainError('VALIDATION_FAILED', 'multipart/form-data without a boundary');
  return boundary;
}

function headersOf(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function param(header: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  if (m) return (m[1] as string).replace(/\\(.)/g, '$1');
  return new RegExp(`(?:^|;)\\s*${name}=([^;\\s]+)`, 'i').exec(header)?.[1];
}

export function parseMultipart(body: Buffer, contentType: string, limits: MultipartLimits): MultipartForm {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  const form: MultipartForm = { fields: {}, files: [] };
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new DomainError('VALIDATION_FAILED', 'Malformed multipart body: no boundary found');
  pos += delimiter.length;
  for (let parts = 0; ; parts++) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return form; // closing delimiter "--"
    if (parts >= limits.maxParts)
      throw new DomainError('PAYLOAD_TOO_LARGE', `At most ${limits.maxParts} form parts`);
    if (!body.subarray(pos, pos + 2).equals(crlf))
      throw new DomainError('VALIDATION_FAILED', 'Malformed multipart body');
    const headStart = pos + 2;
    const headStop = body.indexOf(headerEnd, headStart);
    if (headStop < 0) throw new DomainError('VALIDATION_FAILED', 'Malformed multipart body: part headers');
    const headers = headersOf(body.subarray(headStart, headStop).toString('utf8'));
    const dataStart = headStop + headerEnd.length;
    const dataStop = body.indexOf(next, dataStart);
    if (dataStop < 0)
      throw new DomainError('VALIDATION_FAILED', 'Malformed multipart body: unterminated part');
    const disposition = headers.get('content-disposition') ?? '';
    const name = param(disposition, 'name');
    if (!name) throw new DomainError('VALIDATION_FAILED', 'Malformed multipart body: a part without a name');
    const data = body.subarray(dataStart, dataStop);
    const filename = param(disposition, 'filename');
    if (filename !== undefined) {
      form.files.push({
        field: name,
        filename,
        declaredType: headers.get('content-type') ?? 'application/octet-stream',
        data: Buffer.from(data),
      });
    } else {
      if (data.length > limits.maxFieldBytes)
        throw new DomainError('VALIDATION_FAILED', `Field ${name} is too long`, [
          { pointer: `/${name}`, message: `at most ${limits.maxFieldBytes} bytes` },
        ]);
      form.fields[name] = data.toString('utf8');
    }
    pos = dataStop + next.length;
  }
}

/** The image type a file's first bytes show (JPEG, PNG, WebP), whatever its name or declared type says. */
export function sniffImage(data: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'image/webp';
  return null;
}
