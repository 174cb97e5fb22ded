/**
 * Namespaces and bare CBV values, as the reference implementation's json_to_py.py handles them.
 *
 * Bare values: the reference JSON-LD-expands the document with the EPCIS 2.0 context, keeps the expanded
 * string values that start with https://ref.gs1.org/cbv or https://gs1.org/voc, and then replaces every
 * string value of the document that is the unique suffix (after '-' or '/') of one of them. So `shipping`
 * becomes https://ref.gs1.org/cbv/BizStep-shipping, `Temperature` (sensorReport type) becomes
 * https://gs1.org/voc/Temperature, and so does any other value equal to such a suffix. The expansion is
 * emulated from the vocabularies of the EPCIS 2.0 context (`@type: @vocab` properties and their scoped
 * terms) instead of running a JSON-LD processor.
 */
import { cbvTerms } from '../cbv.js';
import { memoise } from './memo.js';

export type Namespaces = Map<string, string>;

/** Prefixes of the EPCIS 2.0 JSON-LD context (version of the test vectors: gs1 = https://gs1.org/voc/). */
export const EPCIS_PREFIXES: Readonly<Record<string, string>> = {
  epcis: 'https://ref.gs1.org/epcis/',
  cbv: 'https://ref.gs1.org/cbv/',
  cbvmda: 'urn:epcglobal:cbv:mda:',
  gs1: 'https://gs1.org/voc/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcterms: 'http://purl.org/dc/terms/',
};

const MEASUREMENT_TYPES =
  'AbsoluteHumidity AbsorbedDose AbsorbedDoseRate Acceleration Radioactivity Altitude AmountOfSubstance ' +
  'AmountOfSubstancePerUnitVolume Angle AngularAcceleration AngularMomentum AngularVelocity Area Capacitance ' +
  'Conductance Conductivity Count Density Dimensionless DoseEquivalent DoseEquivalentRate DynamicViscosity ' +
  'ElectricCharge ElectricCurrent ElectricCurrentDensity ElectricFieldStrength Energy Exposure Force Frequency ' +
  'Illuminance Inductance Irradiance KinematicViscosity Length LinearMomentum Luminance LuminousFlux ' +
  'LuminousIntensity MagneticFlux MagneticFluxDensity MagneticVectorPotential Mass MassConcentration ' +
  'MassFlowRate MassPerAreaTime MemoryCapacity MolalityOfSolute MolarEnergy MolarMass MolarVolume Power ' +
  'Pressure RadiantFlux RadiantIntensity RelativeHumidity Resistance Resistivity SolidAngle SpecificVolume ' +
  'Speed SurfaceDensity SurfaceTension Temperature Time Torque Voltage Volume VolumeFlowRate VolumeFraction ' +
  'VolumetricFlux Wavenumber';
const COMPONENTS =
  'x y z axial_distance azimuth height spherical_radius polar_angle elevation_angle easting northing latitude ' +
  'longitude altitude';

interface Vocab {
  /** term -> base + term, built once (flat strings, cheap to add to a Set again and again) */
  readonly terms: ReadonlyMap<string, string>;
}
const vocab = (base: string, terms: readonly string[]): Vocab => ({
  terms: new Map(terms.map((t) => [t, `${base}${t}`])),
});
const CBV = 'https://ref.gs1.org/cbv/';
const GS1 = 'https://gs1.org/voc/';
const DISP = vocab(`${CBV}Disp-`, cbvTerms('disposition'));

/** Where the EPCIS context types a property as @vocab, with the terms of its scoped context. */
interface Spec {
  readonly [key: string]: Spec | Vocab;
}
const EVENT_SPEC: Spec = {
  bizStep: vocab(`${CBV}BizStep-`, cbvTerms('bizStep')),
  disposition: DISP,
  persistentDisposition: { set: DISP, unset: DISP },
  bizTransactionList: { type: vocab(`${CBV}BTT-`, cbvTerms('bizTransactionType')) },
  sourceList: { type: vocab(`${CBV}SDT-`, cbvTerms('sourceDestType')) },
  destinationList: { type: vocab(`${CBV}SDT-`, cbvTerms('sourceDestType')) },
  sensorElementList: {
    sensorReport: {
      type: vocab(GS1, MEASUREMENT_TYPES.split(' ')),
      exception: vocab(GS1, ['ALARM_CONDITION', 'ERROR_CONDITION']),
      component: vocab(`${CBV}Comp-`, COMPONENTS.split(' ')),
    },
  },
  errorDeclaration: { reason: vocab(`${CBV}ER-`, cbvTerms('errorReason')) },
};
const DOCUMENT_SPEC: Spec = {
  epcisBody: {
    eventList: EVENT_SPEC,
    event: EVENT_SPEC,
    queryResults: { resultsBody: { eventList: EVENT_SPEC } },
  },
};

const isVocab = (s: Spec | Vocab | undefined): s is Vocab => s !== undefined && 'terms' in s;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The namespaces json_to_py collects from the @context: `prefix -> IRI` for every string-valued entry of
 * an object in the context (a bare string context is recorded under its own IRI, which no prefix matches).
 */
export function contextNamespaces(context: unknown): Namespaces {
  const ns: Namespaces = new Map();
  const entries = Array.isArray(context) ? context : [context];
  for (const c of entries) {
    if (!isObject(c)) continue;
    for (const [key, value] of Object.entries(c)) if (typeof value === 'string') ns.set(key, value);
  }
  return ns;
}

/** `prefix:rest` -> `{IRI}rest` for a known prefix (extension property names). */
export function expandKey(key: string, ns: Namespaces): string {
  const i = key.indexOf(':');
  const iri = i < 0 ? undefined : ns.get(key.slice(0, i));
  return iri === undefined ? key : `{${iri}}${key.slice(i + 1)}`;
}

/** `prefix:rest` -> `IRIrest` for a known prefix (values; the reference strips braces from the IRI). */
export function expandValue(value: string, ns: Namespaces): string {
  const i = value.indexOf(':');
  const iri = i < 0 ? undefined : ns.get(value.slice(0, i));
  return iri === undefined ? value : iri.replaceAll('{', '').replaceAll('}', '') + value.slice(i + 1);
}

/** Whether an expanded value is kept: it starts with https://ref.gs1.org/cbv or https://gs1.org/voc. */
function isKept(expanded: string): boolean {
  const c = expanded.charCodeAt(8); // 'r' or 'g' after https://: most values are ruled out here
  return (
    (c === 0x72 && expanded.startsWith('https://ref.gs1.org/cbv')) ||
    (c === 0x67 && expanded.startsWith('https://gs1.org/voc'))
  );
}

export type Expander = (value: string) => string;

/**
 * expandValue with `prefixes`, with a pre-test that spares most values the prefix look-up: the text
 * before the first ':' can only be a prefix if some prefix has its length and first character.
 */
export function valueExpander(prefixes: Namespaces): Expander {
  let maxLength = 0;
  let empty = false;
  const first = new Set<number>();
  for (const key of prefixes.keys()) {
    maxLength = Math.max(maxLength, key.length);
    if (key === '') empty = true;
    else first.add(key.charCodeAt(0));
  }
  return (value) => {
    const i = value.indexOf(':');
    if (i < 0 || i > maxLength || (i === 0 ? !empty : !first.has(value.charCodeAt(0)))) return value;
    return expandValue(value, prefixes);
  };
}

/** The expander of the EPCIS prefixes and, for the others, the namespaces of a context (JSON of them). */
const contextExpander = memoise((json: string): Expander => {
  const prefixes: Namespaces = new Map(Object.entries(EPCIS_PREFIXES));
  for (const [k, v] of JSON.parse(json) as [string, string][]) if (!prefixes.has(k)) prefixes.set(k, v);
  return valueExpander(prefixes);
}, 100);

function collect(value: unknown, spec: Spec | Vocab | undefined, expand: Expander, out: Set<string>): void {
  if (typeof value === 'string') {
    const expanded = (isVocab(spec) ? spec.terms.get(value) : undefined) ?? expand(value);
    if (isKept(expanded)) out.add(expanded);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, spec, expand, out);
  } else if (isObject(value)) {
    const inner = isVocab(spec) ? undefined : spec;
    for (const key of Object.keys(value)) collect(value[key], inner?.[key], expand, out);
  }
}

/**
 * The expanded CBV / GS1 vocabulary values of `scope` (an event, or a whole EPCIS document for the
 * document-wide behaviour of the reference). `context` supplies further prefixes for compact IRIs.
 */
export function expandedVocabulary(scope: unknown, context: unknown, isDocument: boolean): Set<string> {
  const expand = contextExpander(JSON.stringify([...contextNamespaces(context)]));
  const out = new Set<string>();
  collect(scope, isDocument ? DOCUMENT_SPEC : EVENT_SPEC, expand, out);
  return out;
}

/** A string value with bare value replacement applied (see replaceBareValues). */
export type BareReplacer = (value: string) => string;

const SMALL = 8;

/**
 * The replacement of bare values by `expanded`: for a few expanded values (single events) a scan of them,
 * otherwise a Map from every suffix that follows a '-' or '/' to its expanded value, or null when several
 * expanded values have it (one look-up per string).
 */
export function bareReplacer(expanded: ReadonlySet<string>): BareReplacer {
  if (expanded.size <= SMALL) {
    const values = [...expanded];
    return (value) => {
      let match: string | undefined;
      let count = 0;
      for (const x of values) {
        // x ends with `-${value}` or `/${value}`
        const i = x.length - value.length - 1;
        if (i >= 0 && x.endsWith(value) && (x.charCodeAt(i) === 0x2d || x.charCodeAt(i) === 0x2f)) {
          match = x;
          count++;
        }
      }
      return count === 1 && match !== undefined ? match : value;
    };
  }
  const index = new Map<string, string | null>();
  for (const x of expanded) {
    // Each position gives a different suffix, so an expanded value counts once per suffix.
    for (let i = 0; i < x.length; i++) {
      const c = x.charCodeAt(i);
      if (c !== 0x2d && c !== 0x2f) continue;
      const suffix = x.slice(i + 1);
      index.set(suffix, index.has(suffix) ? null : x);
    }
  }
  return (value) => index.get(value) ?? value;
}

function replaceWith(value: unknown, bare: BareReplacer): unknown {
  if (typeof value === 'string') return bare(value);
  if (Array.isArray(value)) return value.map((v) => replaceWith(v, bare));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceWith(v, bare);
    return out;
  }
  return value;
}

/** Replace each string value that is the suffix (after '-' or '/') of exactly one expanded value. */
export function replaceBareValues(value: unknown, expanded: ReadonlySet<string>): unknown {
  return replaceWith(value, bareReplacer(expanded));
}
