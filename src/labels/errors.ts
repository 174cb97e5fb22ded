/**
 * The closed list of label rendering failures. Every code except LABEL_FONT_MISSING is bad input
 * (map it to 400 VALIDATION_FAILED); LABEL_FONT_MISSING means the host lacks the CJK font package.
 */
export const labelErrorCodes = [
  'LABEL_DATA_EMPTY',
  'LABEL_DATA_TOO_LONG',
  'LABEL_DATA_INVALID',
  'LABEL_TEXT_INVALID',
  'LABEL_OPTION_INVALID',
  'LABEL_BATCH_SIZE',
  'LABEL_LAYOUT_INVALID',
  'LABEL_FONT_MISSING',
] as const;

export type LabelErrorCode = (typeof labelErrorCodes)[number];

export class LabelError extends Error {
  override readonly name = 'LabelError';

  /**
   * @param pointer JSON pointer into the function's input (`/labels/3/symbol/data`), empty when the
   *   failure is not about one field.
   */
  constructor(
    readonly code: LabelErrorCode,
    message: string,
    readonly pointer = '',
  ) {
    super(message);
  }
}
