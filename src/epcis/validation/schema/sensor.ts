import { Type } from 'typebox';
import { DateTime, extensible, Uri } from './primitives.js';
import { Component, MeasurementType, SensorAlertType } from './vocabulary.js';

export const SensorMetadata = Type.Object(
  {
    time: Type.Optional(DateTime),
    deviceID: Type.Optional(Uri),
    deviceMetadata: Type.Optional(Uri),
    rawData: Type.Optional(Uri),
    startTime: Type.Optional(DateTime),
    endTime: Type.Optional(DateTime),
    dataProcessingMethod: Type.Optional(Uri),
    bizRules: Type.Optional(Uri),
  },
  extensible,
);

const decimal = Type.Optional(Type.Number());

export const SensorReport = Type.Object(
  {
    type: MeasurementType,
    exception: Type.Optional(SensorAlertType),
    deviceID: Type.Optional(Uri),
    deviceMetadata: Type.Optional(Uri),
    rawData: Type.Optional(Uri),
    dataProcessingMethod: Type.Optional(Uri),
    bizRules: Type.Optional(Uri),
    time: Type.Optional(DateTime),
    microorganism: Type.Optional(Uri),
    chemicalSubstance: Type.Optional(Uri),
    coordinateReferenceSystem: Type.Optional(Uri),
    value: decimal,
    component: Type.Optional(Component),
    stringValue: Type.Optional(Type.String()),
    booleanValue: Type.Optional(Type.Boolean()),
    hexBinaryValue: Type.Optional(Type.String({ pattern: '^[A-Fa-f0-9]+$' })),
    uriValue: Type.Optional(Uri),
    minValue: decimal,
    maxValue: decimal,
    meanValue: decimal,
    sDev: decimal,
    percRank: decimal,
    percValue: decimal,
    uom: Type.Optional(Type.String()),
  },
  extensible,
);

export const SensorElement = Type.Object(
  {
    sensorMetadata: Type.Optional(SensorMetadata),
    sensorReport: Type.Array(SensorReport, { minItems: 1 }),
  },
  extensible,
);

export const SensorElementList = Type.Array(SensorElement);
