import { Type } from 'typebox';
import { cbvForms, cbvTermLists, type Vocabulary } from '../../cbv.js';

/** CBV 2.0 standard vocabularies; the lists live in epcis/cbv.ts, shared with normalisation and hashing. */
export const cbvTerms = cbvTermLists;

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

export type CbvVocabulary = Vocabulary;

const forms = cbvForms;

/** Web URI bases under which CBV terms are published (current, plain http, GS1 Web Vocabulary, legacy). */
const WEB_BASES = '(?:https?://ref\\.gs1\\.org/cbv/|https://gs1\\.org/voc/|https://ns\\.gs1\\.org/cbv/)';

/** Any absolute URI outside the CBV namespaces (those must name a known term). */
const OTHER_URI =
  '(?!urn:epcglobal:cbv:|https?://(?:ref\\.gs1\\.org/cbv/|gs1\\.org/voc/|ns\\.gs1\\.org/cbv/))[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+';

const escapeRegExp = (value: string): string => value.replace(/[.+]/g, (c) => `\\${c}`);

function cbvPattern(vocabulary: CbvVocabulary): string {
  const { urn, web } = forms[vocabulary];
  const terms = `(?:${cbvTerms[vocabulary].join('|')})`;
  const prefixes = `${WEB_BASES}${escapeRegExp(web)}|${escapeRegExp(urn)}`;
  return `^(?:(?:${prefixes})?${terms}|${OTHER_URI})$`;
}

/** A CBV value in bare, URN or Web URI form, or a URI of another vocabulary; one pattern, so one clear error. */
export function cbvValue(vocabulary: CbvVocabulary, description: string) {
  return Type.String({ pattern: cbvPattern(vocabulary), description });
}

export const BizStep = cbvValue(
  'bizStep',
  'CBV business step (shipping, urn:epcglobal:cbv:bizstep:shipping …) or URI',
);
export const Disposition = cbvValue('disposition', 'CBV disposition (in_transit …) or URI');
export const BizTransactionType = cbvValue(
  'bizTransactionType',
  'CBV business transaction type (po …) or URI',
);
export const SourceDestType = cbvValue(
  'sourceDestType',
  'CBV source/destination type (owning_party …) or URI',
);
export const ErrorReason = cbvValue('errorReason', 'CBV error reason (incorrect_data …) or URI');
export const Component = cbvValue('component', 'CBV component (latitude …) or URI');

/** GS1 measurement types of sensor reports. */
export const measurementTypes = words(`
  AbsoluteHumidity AbsorbedDose AbsorbedDoseRate Acceleration Radioactivity Altitude AmountOfSubstance
  AmountOfSubstancePerUnitVolume Angle AngularAcceleration AngularMomentum AngularVelocity Area Capacitance
  Conductance Conductivity Count Density Dimensionless DoseEquivalent DoseEquivalentRate DynamicViscosity
  ElectricCharge ElectricCurrent ElectricCurrentDensity ElectricFieldStrength Energy Exposure Force Frequency
  Illuminance Inductance Irradiance KinematicViscosity Length LinearMomentum Luminance LuminousFlux
  LuminousIntensity MagneticFlux MagneticFluxDensity MagneticVectorPotential Mass MassConcentration MassFlowRate
  MassPerAreaTime MemoryCapacity MolalityOfSolute MolarEnergy MolarMass MolarVolume Power Pressure RadiantFlux
  RadiantIntensity RelativeHumidity Resistance Resistivity SolidAngle SpecificVolume Speed SurfaceDensity
  SurfaceTension Temperature Time Torque Voltage Volume VolumeFlowRate VolumeFraction VolumetricFlux Wavenumber`);

/** As in the official schema: a bare GS1 term, or a URI outside the GS1 Web Vocabulary. */
const NON_GS1_VOC_URI = '(?!https?://(?:www\\.)?gs1\\.org/voc/)[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+';

export const MeasurementType = Type.String({
  pattern: `^(?:${measurementTypes.join('|')}|${NON_GS1_VOC_URI})$`,
  description: 'GS1 measurement type (Temperature …) or URI',
});

export const SensorAlertType = Type.String({
  pattern: `^(?:ALARM_CONDITION|ERROR_CONDITION|${NON_GS1_VOC_URI})$`,
  description: 'ALARM_CONDITION, ERROR_CONDITION or URI',
});
