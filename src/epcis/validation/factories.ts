/**
 * Small builders of valid EPCIS 2.0 data, for tests here and elsewhere (capture, query). Each returns a fresh
 * object; pass overrides to change or add fields, and `undefined` to drop one.
 */
type Json = Record<string, unknown>;

export const CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

function merge(base: Json, overrides: Json): Json {
  const result: Json = { ...base, ...overrides };
  for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
  return result;
}

const when = { eventTime: '2024-05-01T08:30:00.000+08:00', eventTimeZoneOffset: '+08:00' };
const where = { readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' } };

export const objectEvent = (overrides: Json = {}): Json =>
  merge(
    {
      type: 'ObjectEvent',
      ...when,
      epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      ...where,
    },
    overrides,
  );

export const aggregationEvent = (overrides: Json = {}): Json =>
  merge(
    {
      type: 'AggregationEvent',
      ...when,
      parentID: 'urn:epc:id:sscc:0614141.1234567890',
      childEPCs: ['urn:epc:id:sgtin:0614141.107346.2017'],
      action: 'ADD',
      bizStep: 'packing',
      ...where,
    },
    overrides,
  );

export const associationEvent = (overrides: Json = {}): Json =>
  merge(
    {
      type: 'AssociationEvent',
      ...when,
      parentID: 'urn:epc:id:grai:4012345.55555.987',
      childEPCs: ['urn:epc:id:giai:4000001.12345'],
      action: 'ADD',
      bizStep: 'assembling',
      ...where,
    },
    overrides,
  );

export const transactionEvent = (overrides: Json = {}): Json =>
  merge(
    {
      type: 'TransactionEvent',
      ...when,
      bizTransactionList: [{ type: 'po', bizTransaction: 'http://transaction.acme.com/po/12345678' }],
      epcList: ['urn:epc:id:sgtin:0614141.107346.2018'],
      action: 'ADD',
      ...where,
    },
    overrides,
  );

export const transformationEvent = (overrides: Json = {}): Json =>
  merge(
    {
      type: 'TransformationEvent',
      ...when,
      inputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.011111.4444', quantity: 10, uom: 'KGM' }],
      outputEPCList: ['urn:epc:id:sgtin:4012345.077889.25'],
      bizStep: 'commissioning',
      ...where,
    },
    overrides,
  );

export const epcisDocument = (events: Json[], overrides: Json = {}): Json =>
  merge(
    {
      '@context': [CONTEXT],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2024-05-01T09:00:00Z',
      epcisBody: { eventList: events },
    },
    overrides,
  );
