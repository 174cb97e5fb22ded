/** Character sets of the GS1 syntax dictionary: numeric, CSET 82, CSET 39, base64url. */
export type AiCharset = 'N' | 'X' | 'Y' | 'Z';

/** One component of an AI's data field, e.g. `N14,csum` or the optional `[X..17]`. */
export type AiComponent = {
  charset: AiCharset;
  min: number;
  max: number;
  optional: boolean;
  /** Names of the syntax dictionary's linters applied to this component. */
  linters: readonly string[];
};

/** One entry of the GS1 Barcode Syntax Dictionary (a solitary AI or a range such as 3100-3105). */
export type AiDefinition = {
  ai: string;
  /** Last AI of the range; equals `ai` for a solitary AI. */
  last: string;
  /** `*` flag: the AI has a predefined length and needs no FNC1 separator after it. */
  predefinedLength: boolean;
  /** `?` flag: permitted as a GS1 Digital Link data attribute (query string). */
  dlDataAttribute: boolean;
  components: readonly AiComponent[];
  /** Present for Digital Link primary keys: the alternative ordered qualifier sequences (empty list = none). */
  dlQualifiers?: readonly (readonly string[])[];
  /** `req=` attributes, each a comma-separated list of alternatives. */
  requires: readonly string[];
  /** `ex=` attributes. */
  excludes: readonly string[];
  title: string;
};
