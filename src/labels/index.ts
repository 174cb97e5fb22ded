// Public surface of the labels module: symbols (PNG/SVG) and printable label sheets (PDF).
export { LabelError, type LabelErrorCode, labelErrorCodes } from './errors.js';
export { cjkFontCandidates, type FontSource } from './font.js';
export { maxLabelsPerSheet, renderLabelSheet, type SheetLabel, type SheetOptions } from './label-sheet.js';
export { type PageName, pageNames, type SheetLayout } from './layout.js';
export {
  defaultDpi,
  defaultScale,
  type RenderedSymbol,
  renderSymbol,
  type SymbolInput,
} from './render-symbol.js';
export { qrMaxLength, type SymbolKind, type SymbolSpec } from './symbol.js';
