import { Type } from 'typebox';

/** An absolute URI (RFC 3986 with a scheme): EPC URNs, GS1 Digital Link URIs, other IRIs. */
export const Uri = Type.String({ format: 'uri' });

/**
 * An xsd:dateTime with a time zone, as EPCIS uses: `T` separator, `Z` or `±hh:mm`. The format check adds
 * calendar validity (no 30 February); the pattern rules out what RFC 3339 also allows (space, lowercase).
 */
export const DATE_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';
export const DateTime = Type.String({ format: 'date-time', pattern: DATE_TIME_PATTERN });

export const TimeZoneOffset = Type.String({
  pattern: '^([+]|[-])((0[0-9]|1[0-3]):([0-5][0-9])|14:00)$',
  description: 'Offset from UTC where the event happened, e.g. +08:00',
});

/**
 * Keys of user extension fields: a JSON-LD compact IRI (`prefix:name`) or a full IRI. Mirrors the official
 * schema's `propertyNames: { format: uri }`, also allowing `_` in prefixes as JSON-LD does.
 */
export const EXTENSION_KEY = '^[A-Za-z][A-Za-z0-9+._-]*:[^\\s]+$';

const extensions = { [EXTENSION_KEY]: Type.Unknown() };

/** Options for an EPCIS object that takes standard fields plus namespaced extension fields, nothing else. */
export const extensible = { additionalProperties: false, patternProperties: extensions } as const;

/** Options for an EPCIS object that takes its standard fields only. */
export const closed = { additionalProperties: false } as const;

/** JSON-LD @context: a URI, an inline context object, or an array of them. */
export const Context = Type.Union(
  [
    Type.String({ format: 'uri' }),
    Type.Object({}),
    Type.Array(Type.Union([Type.String({ format: 'uri' }), Type.Object({})])),
  ],
  { description: 'JSON-LD context' },
);

/** Unsigned decimal: quantities may be fractional (10.5 KGM) but not negative. */
export const Quantity = Type.Number({ minimum: 0 });

/** UN/CEFACT Recommendation 20 unit code. */
export const Uom = Type.String({ pattern: '^[A-Z0-9]{2,3}$', description: 'UN/CEFACT unit code, e.g. KGM' });
