import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTEXT, epcisDocument } from './factories.js';
import { cbvTerms } from './schema/vocabulary.js';
import { validateDocument, validateEvent } from './validate.js';

type Json = Record<string, unknown>;

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));

const offset = fc.oneof(
  fc.constant('+14:00'),
  fc
    .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 59 }))
    .map(([sign, h, m]) => `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
);

const eventTime = fc
  .tuple(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), offset)
  .map(([date, tz]) => date.toISOString().replace('Z', tz));

const sgtin = fc
  .tuple(digits(7), digits(6), fc.stringMatching(/^[A-Za-z0-9]{1,20}$/))
  .map(([company, item, serial]) => `urn:epc:id:sgtin:${company}.${item}.${serial}`);

/** A CBV term in bare, URN or Web URI form. */
const cbv = (terms: readonly string[], urn: string, web: string) =>
  fc
    .tuple(fc.constantFrom(...terms), fc.constantFrom('bare', 'urn', 'web'))
    .map(([term, form]) =>
      form === 'bare' ? term : form === 'urn' ? `${urn}${term}` : `https://ref.gs1.org/cbv/${web}${term}`,
    );

const extension = fc.dictionary(
  fc.stringMatching(/^[a-z]{1,8}:[A-Za-z][A-Za-z0-9]{0,10}$/),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);

const objectEvent: fc.Arbitrary<Json> = fc
  .record(
    {
      eventTime,
      eventTimeZoneOffset: offset,
      epcList: fc.uniqueArray(sgtin, { maxLength: 5 }),
      action: fc.constantFrom('OBSERVE', 'ADD', 'DELETE'),
      bizStep: cbv(cbvTerms.bizStep, 'urn:epcglobal:cbv:bizstep:', 'BizStep-'),
      disposition: cbv(cbvTerms.disposition, 'urn:epcglobal:cbv:disp:', 'Disp-'),
      readPoint: fc.constant({ id: 'urn:epc:id:sgln:0614141.07346.1234' }),
      eventID: fc.uuid().map((id) => `urn:uuid:${id}`),
    },
    { requiredKeys: ['eventTime', 'eventTimeZoneOffset', 'epcList', 'action'] },
  )
  .chain((event) =>
    extension.map(
      (extra): Json => ({
        ...extra,
        ...event,
        type: 'ObjectEvent',
        ...(event.action === 'ADD' ? { ilmd: { 'ex:lot': 'L1' } } : {}),
      }),
    ),
  );

const REQUIRED = ['type', 'eventTime', 'eventTimeZoneOffset', 'action'] as const;

describe('random ObjectEvents', () => {
  it('pass when valid', () => {
    fc.assert(
      fc.property(fc.array(objectEvent, { minLength: 1, maxLength: 5 }), (events) => {
        expect(validateDocument(epcisDocument(events))).toEqual([]);
      }),
    );
  });

  it('without a required field, always give an issue pointing at it', () => {
    fc.assert(
      fc.property(objectEvent, fc.constantFrom(...REQUIRED), (event, field) => {
        const { [field]: _removed, ...rest } = event;
        const pointers = validateDocument(epcisDocument([rest])).map((i) => i.pointer);
        expect(pointers).toContain(`/epcisBody/eventList/0/${field}`);
      }),
    );
  });

  it('as standalone events without @context, always give an issue pointing at it', () => {
    fc.assert(
      fc.property(objectEvent, (event) => {
        expect(validateEvent({ ...event, '@context': CONTEXT })).toEqual([]);
        expect(validateEvent(event).map((i) => i.pointer)).toContain('/@context');
      }),
    );
  });
});
