import type { ValidationIssue } from './messages.js';
import { child } from './pointer.js';

type Json = Record<string, unknown>;

const nonEmpty = (value: unknown): boolean => Array.isArray(value) && value.length > 0;
const has = (event: Json, key: string): boolean => event[key] !== undefined;

/**
 * Rules of the EPCIS 2.0 standard that the per-type schema leaves out (the official schema states some of
 * them as anyOf, which would give a pile of unreadable errors): which fields go with which action, and what
 * an event must be about. `event` is an object whose `type` is one of the five event types.
 */
export function semanticIssues(event: Json, pointer: string, issues: ValidationIssue[]): void {
  const action = event.action;
  const known = action === 'ADD' || action === 'OBSERVE' || action === 'DELETE';
  switch (event.type) {
    case 'ObjectEvent':
      if (has(event, 'ilmd') && known && action !== 'ADD') {
        issues.push({
          pointer: child(pointer, 'ilmd'),
          message: 'ilmd is only allowed on an ObjectEvent with action ADD',
        });
      }
      if (
        !has(event, 'epcList') &&
        !nonEmpty(event.quantityList) &&
        !(nonEmpty(event.sensorElementList) && has(event, 'readPoint'))
      ) {
        issues.push({
          pointer,
          message: 'an ObjectEvent needs epcList, quantityList, or sensorElementList with readPoint',
        });
      }
      break;
    case 'AggregationEvent':
    case 'AssociationEvent':
      // EPCIS 2.0 §7.4.3: parentID is required when action is ADD or DELETE, optional for OBSERVE;
      // the official schema requires it on every AssociationEvent (checked there).
      if (
        event.type === 'AggregationEvent' &&
        (action === 'ADD' || action === 'DELETE') &&
        !has(event, 'parentID')
      ) {
        issues.push({
          pointer: child(pointer, 'parentID'),
          message: `parentID is required when action is ${action}`,
        });
      }
      if (known && action !== 'DELETE' && !nonEmpty(event.childEPCs) && !nonEmpty(event.childQuantityList)) {
        issues.push({
          pointer,
          message: `an ${event.type} needs childEPCs or childQuantityList unless action is DELETE`,
        });
      }
      break;
    case 'TransactionEvent':
      if (known && action !== 'DELETE' && !has(event, 'epcList') && !nonEmpty(event.quantityList)) {
        issues.push({
          pointer,
          message: 'a TransactionEvent needs epcList or quantityList unless action is DELETE',
        });
      }
      break;
    case 'TransformationEvent':
      transformationIssues(event, pointer, issues);
      break;
  }
}

function transformationIssues(event: Json, pointer: string, issues: ValidationIssue[]): void {
  const inputs = nonEmpty(event.inputEPCList) || nonEmpty(event.inputQuantityList);
  const outputs = nonEmpty(event.outputEPCList) || nonEmpty(event.outputQuantityList);
  if (!inputs && !outputs) {
    issues.push({ pointer, message: 'a TransformationEvent needs at least one input or output' });
  } else if (!(inputs && outputs) && !has(event, 'transformationID')) {
    issues.push({
      pointer,
      message: `a TransformationEvent with only ${inputs ? 'inputs' : 'outputs'} needs a transformationID`,
    });
  }
}

/** Within one document, the second and later uses of an eventID. */
export function duplicateEventIds(
  events: readonly unknown[],
  listPointer: string,
  issues: ValidationIssue[],
): void {
  const seen = new Map<string, number>();
  events.forEach((event, index) => {
    const id = typeof event === 'object' && event !== null ? (event as Json).eventID : undefined;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else
      issues.push({
        pointer: `${listPointer}/${index}/eventID`,
        message: `eventID is already used by event ${first}`,
      });
  });
}
