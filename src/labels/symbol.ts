import bwipjs from 'bwip-js';
import { encode as encodeQr } from 'uqr';
import { LabelError } from './errors.js';

export type SymbolKind = 'qr' | 'gs1datamatrix';

/** What a symbol carries: a URL in a QR code, or a bracketed GS1 element string in a DataMatrix. */
export interface SymbolSpec {
  kind: SymbolKind;
  data: string;
}

/** Longest QR payload accepted: well inside version 40-M byte capacity (2,331), and far past any resolver URL. */
export const qrMaxLength = 2000;
/** A GS1 DataMatrix holds at most 1,556 bytes; element strings are short, so reject long input early. */
export const gs1ElementStringMaxLength = 500;

/** Quiet zone in modules: ISO/IEC 18004 asks 4 for QR; ISO/IEC 16022 asks 1 for DataMatrix, 2 reads more reliably. */
export const quietZoneModules: Record<SymbolKind, number> = { qr: 4, gs1datamatrix: 2 };

/** QR error correction level, the same in PNG, SVG and PDF. */
const qrEcc = 'M';

const urlPattern = /^https?:\/\/[\x21-\x7e]+$/;

/** Throws LabelError unless the spec is one we can encode; `pointer` prefixes the field path. */
export function checkSymbol(spec: SymbolSpec, pointer = ''): void {
  const { kind, data } = spec;
  if (kind !== 'qr' && kind !== 'gs1datamatrix') {
    throw new LabelError(
      'LABEL_OPTION_INVALID',
      `Unknown symbol kind "${String(kind)}": use "qr" or "gs1datamatrix"`,
      `${pointer}/kind`,
    );
  }
  if (typeof data !== 'string' || data.trim() === '') {
    throw new LabelError('LABEL_DATA_EMPTY', 'Symbol data is empty', `${pointer}/data`);
  }
  const max = kind === 'qr' ? qrMaxLength : gs1ElementStringMaxLength;
  if (data.length > max) {
    throw new LabelError(
      'LABEL_DATA_TOO_LONG',
      `Symbol data has ${data.length} characters; a ${kind} label takes at most ${max}`,
      `${pointer}/data`,
    );
  }
  if (kind === 'qr' && !(urlPattern.test(data) && URL.canParse(data))) {
    throw new LabelError(
      'LABEL_DATA_INVALID',
      'QR data must be an absolute http(s) URL in printable ASCII (percent-encode anything else), such as a resolver URL or a GS1 Digital Link URI',
      `${pointer}/data`,
    );
  }
  if (kind === 'gs1datamatrix' && !data.startsWith('(')) {
    throw new LabelError(
      'LABEL_DATA_INVALID',
      'GS1 DataMatrix data must be an element string with bracketed AIs, such as (01)06901234567892(10)LOT1',
      `${pointer}/data`,
    );
  }
}

/** The bwip-js options that encode a checked spec, shared by the PNG and SVG renderers. */
export function bwipEncoding(spec: SymbolSpec): { bcid: string; text: string; eclevel?: string } {
  return spec.kind === 'qr'
    ? { bcid: 'qrcode', text: spec.data, eclevel: qrEcc }
    : { bcid: 'gs1datamatrix', text: spec.data };
}

/** Turns a bwip-js encoding failure ("bwipp.GS1badChecksum#3251: AI 01: Bad checksum") into a LabelError. */
export function encodingError(spec: SymbolSpec, error: unknown, pointer = ''): LabelError {
  const raw = error instanceof Error ? error.message : String(error);
  const reason = raw.replace(/^bwipp\.\w+#\d+:\s*/, '');
  const what = spec.kind === 'qr' ? 'QR data cannot be encoded' : 'GS1 element string does not parse';
  return new LabelError('LABEL_DATA_INVALID', `${what}: ${reason}`, `${pointer}/data`);
}

/** The symbol's modules, row-major from the top-left, without the quiet zone (listed separately). */
export interface ModuleMatrix {
  columns: number;
  rows: number;
  dark: Uint8Array;
  quietZone: number;
}

/**
 * The modules of a checked spec, for drawing as vector rectangles. QR uses uqr (a port of Nayuki's
 * encoder), about five times faster than bwip-js's PostScript QR encoder, which alone would take
 * ~27 s for 10,000 labels; its mask choice may differ from the PNG's but both encode the same data.
 */
export function moduleMatrix(spec: SymbolSpec, pointer = ''): ModuleMatrix {
  const quietZone = quietZoneModules[spec.kind];
  if (spec.kind === 'qr') {
    const qr = encodeQr(spec.data, { ecc: qrEcc, border: 0 });
    const dark = new Uint8Array(qr.size * qr.size);
    qr.data.forEach((row, y) => {
      row.forEach((on, x) => {
        if (on) dark[y * qr.size + x] = 1;
      });
    });
    return { columns: qr.size, rows: qr.size, dark, quietZone };
  }
  const first = rawMatrix(spec, pointer)[0];
  if (!first || !('pixs' in first)) throw encodingError(spec, 'no matrix produced', pointer);
  return { columns: first.pixx, rows: first.pixy, dark: Uint8Array.from(first.pixs), quietZone };
}

function rawMatrix(spec: SymbolSpec, pointer: string) {
  try {
    return bwipjs.raw(spec.kind, spec.data, {});
  } catch (error) {
    throw encodingError(spec, error, pointer);
  }
}
