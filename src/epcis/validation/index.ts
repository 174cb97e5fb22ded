export { compileSchema, defaultEngine, type Engine } from './compiler.js';
export type { ValidationIssue } from './messages.js';
export {
  type EPCISDocument,
  EPCISDocumentSchema,
  type EPCISEvent,
  type EPCISQueryDocument,
  EPCISQueryDocumentSchema,
  EventSchema,
} from './schema/document.js';
export { cbvTerms, measurementTypes } from './schema/vocabulary.js';
export {
  createValidator,
  MAX_ISSUES,
  type ValidateOptions,
  type Validator,
  validateDocument,
  validateEvent,
} from './validate.js';
