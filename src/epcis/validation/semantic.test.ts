import { describe, expect, it } from 'vitest';
import {
  aggregationEvent,
  associationEvent,
  epcisDocument,
  objectEvent,
  transactionEvent,
  transformationEvent,
} from './factories.js';
import { createValidator } from './validate.js';

type Json = Record<string, unknown>;

const E0 = '/epcisBody/eventList/0';

describe.each(['ajv', 'typebox'] as const)('with %s', (engine) => {
  const { validateDocument } = createValidator(engine);
  const issuesOf = (...events: Json[]) => validateDocument(epcisDocument(events));

  describe('event rules', () => {
    it('accepts a valid event of each type', () => {
      expect(
        issuesOf(
          objectEvent(),
          aggregationEvent(),
          associationEvent(),
          transactionEvent(),
          transformationEvent(),
        ),
      ).toEqual([]);
    });

    it('requires eventTime', () => {
      expect(issuesOf(objectEvent({ eventTime: undefined }))).toEqual([
        { pointer: `${E0}/eventTime`, message: 'eventTime is required' },
      ]);
    });

    it('requires eventTimeZoneOffset', () => {
      expect(issuesOf(objectEvent({ eventTimeZoneOffset: undefined }))).toEqual([
        { pointer: `${E0}/eventTimeZoneOffset`, message: 'eventTimeZoneOffset is required' },
      ]);
    });

    it.each([
      '2024-05-01T08:30:00',
      '2024-05-01',
      '2024-02-30T08:30:00Z',
      '2024-05-01T25:30:00+08:00',
      '2024-05-01 08:30:00+08:00',
      '2024-05-01T08:30:00+0800',
      'yesterday',
    ])('rejects eventTime %s (not a date-time with a time zone)', (eventTime) => {
      expect(issuesOf(objectEvent({ eventTime }))).toEqual([
        {
          pointer: `${E0}/eventTime`,
          message: 'eventTime must be a date-time with a time zone, e.g. 2024-05-01T08:30:00+08:00',
        },
      ]);
    });

    it.each(['+8:00', '08:00', '+15:00', '+14:30', 'Z', '+0800'])(
      'rejects eventTimeZoneOffset %s',
      (offset) => {
        expect(issuesOf(objectEvent({ eventTimeZoneOffset: offset }))).toEqual([
          { pointer: `${E0}/eventTimeZoneOffset`, message: 'eventTimeZoneOffset must look like +08:00' },
        ]);
      },
    );

    it.each(['+14:00', '-13:59', '+00:00', '-00:00'])('accepts eventTimeZoneOffset %s', (offset) => {
      expect(issuesOf(objectEvent({ eventTimeZoneOffset: offset }))).toEqual([]);
    });

    it('rejects an unknown event type, once, at /type', () => {
      expect(issuesOf(objectEvent({ type: 'ShippingEvent' }))).toEqual([
        {
          pointer: `${E0}/type`,
          message:
            'type must be one of ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, ' +
            'AssociationEvent, not ShippingEvent',
        },
      ]);
    });

    it('requires type on an event', () => {
      expect(issuesOf(objectEvent({ type: undefined }))).toEqual([
        { pointer: `${E0}/type`, message: 'type is required' },
      ]);
    });

    it.each([
      ['ObjectEvent', objectEvent],
      ['AggregationEvent', aggregationEvent],
      ['TransactionEvent', transactionEvent],
      ['AssociationEvent', associationEvent],
    ])('requires action on %s', (_type, make) => {
      expect(issuesOf(make({ action: undefined }))).toContainEqual({
        pointer: `${E0}/action`,
        message: 'action is required',
      });
    });

    it('forbids action on a TransformationEvent', () => {
      expect(issuesOf(transformationEvent({ action: 'ADD' }))).toEqual([
        { pointer: `${E0}/action`, message: 'action is not allowed on a TransformationEvent' },
      ]);
    });

    it.each(['OBSERVE', 'DELETE'])('forbids ilmd on an ObjectEvent with action %s', (action) => {
      expect(issuesOf(objectEvent({ action, ilmd: { 'ex:lot': 'L1' } }))).toEqual([
        { pointer: `${E0}/ilmd`, message: 'ilmd is only allowed on an ObjectEvent with action ADD' },
      ]);
    });

    it('allows ilmd on an ObjectEvent with action ADD and on a TransformationEvent', () => {
      const ilmd = { 'cbvmda:lotNumber': 'L1', 'ex:bestBefore': '2025-01-01' };
      expect(issuesOf(objectEvent({ action: 'ADD', ilmd }), transformationEvent({ ilmd }))).toEqual([]);
    });

    it('forbids ilmd on other event types', () => {
      expect(issuesOf(aggregationEvent({ ilmd: {} }))).toEqual([
        {
          pointer: `${E0}/ilmd`,
          message: 'ilmd is only allowed on an ObjectEvent with action ADD or a TransformationEvent',
        },
      ]);
    });

    it('rejects an un-prefixed ilmd field', () => {
      expect(issuesOf(objectEvent({ action: 'ADD', ilmd: { lot: 'L1' } }))).toEqual([
        {
          pointer: `${E0}/ilmd/lot`,
          message: 'unknown field lot: extension fields need a namespace prefix, e.g. ex:lot',
        },
      ]);
    });

    it.each(['ADD', 'DELETE'])('requires parentID on an AggregationEvent with action %s', (action) => {
      expect(issuesOf(aggregationEvent({ action, parentID: undefined }))).toEqual([
        { pointer: `${E0}/parentID`, message: `parentID is required when action is ${action}` },
      ]);
    });

    it('allows an AggregationEvent OBSERVE without parentID', () => {
      expect(issuesOf(aggregationEvent({ action: 'OBSERVE', parentID: undefined }))).toEqual([]);
    });

    it.each(['ADD', 'OBSERVE', 'DELETE'])(
      'requires parentID on an AssociationEvent with action %s',
      (action) => {
        expect(issuesOf(associationEvent({ action, parentID: undefined }))).toEqual([
          { pointer: `${E0}/parentID`, message: 'parentID is required' },
        ]);
      },
    );

    it('requires children on an AggregationEvent unless action is DELETE', () => {
      expect(issuesOf(aggregationEvent({ childEPCs: [] }))).toEqual([
        {
          pointer: E0,
          message: 'an AggregationEvent needs childEPCs or childQuantityList unless action is DELETE',
        },
      ]);
      expect(issuesOf(aggregationEvent({ childEPCs: undefined, action: 'DELETE' }))).toEqual([]);
    });

    it('requires what an ObjectEvent is about', () => {
      expect(issuesOf(objectEvent({ epcList: undefined }))).toEqual([
        {
          pointer: E0,
          message: 'an ObjectEvent needs epcList, quantityList, or sensorElementList with readPoint',
        },
      ]);
    });

    it('requires epcList or quantityList on a TransactionEvent unless action is DELETE', () => {
      expect(issuesOf(transactionEvent({ epcList: undefined }))).toEqual([
        { pointer: E0, message: 'a TransactionEvent needs epcList or quantityList unless action is DELETE' },
      ]);
    });

    it('requires a non-empty bizTransactionList on a TransactionEvent', () => {
      expect(issuesOf(transactionEvent({ bizTransactionList: [] }))).toEqual([
        { pointer: `${E0}/bizTransactionList`, message: 'bizTransactionList must not be empty' },
      ]);
    });

    it('requires at least one input or output on a TransformationEvent', () => {
      const event = transformationEvent({ inputQuantityList: undefined, outputEPCList: [] });
      expect(issuesOf(event)).toEqual([
        { pointer: E0, message: 'a TransformationEvent needs at least one input or output' },
      ]);
    });

    it('requires a transformationID on a TransformationEvent with only inputs', () => {
      expect(issuesOf(transformationEvent({ outputEPCList: undefined }))).toEqual([
        { pointer: E0, message: 'a TransformationEvent with only inputs needs a transformationID' },
      ]);
      const withId = transformationEvent({ outputEPCList: undefined, transformationID: 'urn:example:tx:1' });
      expect(issuesOf(withId)).toEqual([]);
    });

    it('reports a duplicate eventID at its second occurrence', () => {
      const eventID =
        'ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0';
      const events = [objectEvent({ eventID }), objectEvent(), objectEvent({ eventID })];
      expect(issuesOf(...events)).toEqual([
        { pointer: '/epcisBody/eventList/2/eventID', message: 'eventID is already used by event 0' },
      ]);
    });

    it('requires errorDeclaration.declarationTime', () => {
      const event = objectEvent({ errorDeclaration: { reason: 'incorrect_data' } });
      expect(issuesOf(event)).toEqual([
        { pointer: `${E0}/errorDeclaration/declarationTime`, message: 'declarationTime is required' },
      ]);
    });
  });
});
