// Public surface of the identifiers module.
export { type CreditCodeResult, checkCreditCode } from './china/credit-code.js';
export { checkDrugTraceCode, checkVetDrugCode } from './china/drug-code.js';
export { lookupRegion, type Region, type RegionResult, regionEdition } from './china/region-code.js';
export { checkRegistrationNumber } from './china/registration-number.js';
export { type Detection, type DetectOptions, detectIdentifier, type IdentifierScheme } from './detect.js';
export {
  canonicalEpc,
  type EpcPattern,
  epcPattern,
  epcToUrn,
  gcpLengthOf,
  gcpLengthOfUrn,
  matchesEpcPattern,
  type Parsed,
} from './epc.js';
export { aiDefinition, aiValueError } from './gs1/ai.js';
export {
  digitalLinkToElements,
  elementsToDigitalLink,
  elementsToEpcUrn,
  epcUrnToElements,
} from './gs1/conversions.js';
export {
  type AiElement,
  buildDigitalLink,
  type DigitalLink,
  parseDigitalLink,
} from './gs1/digital-link.js';
export {
  buildBracketed,
  buildGsSeparated,
  parseBracketed,
  parseElementString,
  parseGsSeparated,
} from './gs1/element-string.js';
export {
  gs1CheckDigit,
  parseGdti,
  parseGiai,
  parseGln,
  parseGrai,
  parseGsrn,
  parseGtin,
  parseSscc,
  withCheckDigit,
} from './gs1/keys.js';
export { lotSerialErrors } from './gs1/lot-serial.js';
export { issueSuyuanCode, parseSuyuanCode, type SuyuanCode, type SuyuanKind } from './suyuan-code.js';
