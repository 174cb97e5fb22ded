import { type TSchema, Type } from 'typebox';
import { type Check, compileSchema, defaultEngine, type Engine } from './compiler.js';
import { type IdentifierCache, identifierIssues } from './identifiers.js';
import { translate, type ValidationIssue } from './messages.js';
import { child } from './pointer.js';
import { AggregationEventSchema } from './schema/aggregation-event.js';
import { AssociationEventSchema } from './schema/association-event.js';
import { captureDocument, queryDocument } from './schema/document.js';
import { EVENT_TYPES } from './schema/event-common.js';
import { ObjectEventSchema } from './schema/object-event.js';
import { TransactionEventSchema } from './schema/transaction-event.js';
import { TransformationEventSchema } from './schema/transformation-event.js';
import { duplicateEventIds, semanticIssues } from './semantic.js';

type Json = Record<string, unknown>;

interface Compiled {
  schema: TSchema;
  check: Check;
}

export const MAX_ISSUES = 100;

export interface ValidateOptions {
  /** Stop after this many issues (default 100). */
  maxIssues?: number;
}

const NO_POINTERS: ReadonlySet<string> = new Set();

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface Validator {
  validateDocument(body: unknown, options?: ValidateOptions): ValidationIssue[];
  validateEvent(event: unknown, pointerPrefix?: string, options?: ValidateOptions): ValidationIssue[];
}

/**
 * Compiles the schemas (once per call; the module compiles its default validator at load) and returns the
 * validation functions. Documents are checked without their events; each event is then checked against the
 * schema of its own type only, so a bad event gives a few precise issues, not one per event type.
 */
export function createValidator(engine: Engine = defaultEngine): Validator {
  const compiled = (schema: TSchema): Compiled => ({ schema, check: compileSchema(schema, engine) });
  const eventChecks = new Map<unknown, Compiled>([
    ['ObjectEvent', compiled(ObjectEventSchema)],
    ['AggregationEvent', compiled(AggregationEventSchema)],
    ['TransactionEvent', compiled(TransactionEventSchema)],
    ['TransformationEvent', compiled(TransformationEventSchema)],
    ['AssociationEvent', compiled(AssociationEventSchema)],
  ]);
  const captureShell = compiled(captureDocument(Type.Unknown()));
  const queryShell = compiled(queryDocument(Type.Unknown()));

  function run(
    compiledSchema: Compiled,
    value: unknown,
    prefix: string,
    eventType?: string,
  ): ValidationIssue[] {
    const errors = compiledSchema.check(value);
    return errors.length === 0 ? [] : translate(errors, { schema: compiledSchema.schema, prefix, eventType });
  }

  function checkEvent(
    event: unknown,
    pointer: string,
    issues: ValidationIssue[],
    cache: IdentifierCache,
  ): void {
    if (!isObject(event)) {
      issues.push({ pointer, message: 'an event must be a JSON object' });
      return;
    }
    const type = event.type;
    const target = eventChecks.get(type);
    if (!target) {
      const message =
        type === undefined
          ? 'type is required'
          : `type must be one of ${EVENT_TYPES.join(', ')}${typeof type === 'string' ? `, not ${type}` : ''}`;
      issues.push({ pointer: child(pointer, 'type'), message });
      return;
    }
    const structural = run(target, event, pointer, type as string);
    issues.push(...structural);
    semanticIssues(event, pointer, issues);
    const skip = structural.length === 0 ? NO_POINTERS : new Set(structural.map((i) => i.pointer));
    identifierIssues(event, pointer, { skip, issues, cache });
  }

  /**
   * Validates a capture document: structure (schemas compiled once), then the rules a schema cannot express.
   * Accepts an EPCISDocument and, as the standard's capture binding does, an EPCISQueryDocument (its events are
   * at /epcisBody/queryResults/resultsBody/eventList). Returns all issues, at most `maxIssues` (100).
   */
  function validateDocument(body: unknown, options: ValidateOptions = {}): ValidationIssue[] {
    const max = options.maxIssues ?? MAX_ISSUES;
    if (!isObject(body)) return [{ pointer: '', message: 'the document must be a JSON object' }];
    let shell: Compiled;
    let listPointer: string;
    let events: unknown;
    if (body.type === 'EPCISDocument') {
      shell = captureShell;
      listPointer = '/epcisBody/eventList';
      events = isObject(body.epcisBody) ? body.epcisBody.eventList : undefined;
    } else if (body.type === 'EPCISQueryDocument') {
      shell = queryShell;
      listPointer = '/epcisBody/queryResults/resultsBody/eventList';
      const results = isObject(body.epcisBody) ? body.epcisBody.queryResults : undefined;
      const resultsBody = isObject(results) ? results.resultsBody : undefined;
      events = isObject(resultsBody) ? resultsBody.eventList : undefined;
    } else {
      const message =
        body.type === undefined ? 'type is required' : 'type must be EPCISDocument or EPCISQueryDocument';
      return [{ pointer: '/type', message }];
    }
    const issues = run(shell, body, '');
    if (Array.isArray(events)) {
      const cache: IdentifierCache = new Map();
      for (let i = 0; i < events.length && issues.length < max; i++) {
        checkEvent(events[i], `${listPointer}/${i}`, issues, cache);
      }
      if (issues.length < max) duplicateEventIds(events, listPointer, issues);
    }
    return issues.length > max ? issues.slice(0, max) : issues;
  }

  /**
   * Validates a single event (POST /events); pointers are relative to the event, after `pointerPrefix`.
   * A standalone event carries its own JSON-LD @context, as the official schema requires.
   */
  function validateEvent(
    event: unknown,
    pointerPrefix = '',
    options: ValidateOptions = {},
  ): ValidationIssue[] {
    const max = options.maxIssues ?? MAX_ISSUES;
    const issues: ValidationIssue[] = [];
    checkEvent(event, pointerPrefix, issues, new Map());
    if (isObject(event) && event['@context'] === undefined) {
      issues.push({ pointer: child(pointerPrefix, '@context'), message: '@context is required' });
    }
    return issues.length > max ? issues.slice(0, max) : issues;
  }

  return { validateDocument, validateEvent };
}

const standard = createValidator();

/**
 * Validates a capture document: structure (schemas compiled once, at module load), then the rules a schema
 * cannot express. Accepts an EPCISDocument and, as the standard's capture binding does, an EPCISQueryDocument
 * (its events are at /epcisBody/queryResults/resultsBody/eventList). Returns all issues, at most 100.
 */
export const validateDocument = standard.validateDocument;

/**
 * Validates a single event (POST /events); pointers are relative to the event, after `pointerPrefix`.
 * A standalone event carries its own JSON-LD @context, as the official schema requires.
 */
export const validateEvent = standard.validateEvent;
