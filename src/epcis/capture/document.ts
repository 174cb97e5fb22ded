type Json = Record<string, unknown>;

export interface CaptureInput {
  context: unknown;
  events: Json[];
  /** JSON pointer of the event list inside the document. */
  listPointer: string;
}

/** Finds the event list of an EPCISDocument or an EPCISQueryDocument (both are accepted by /capture). */
export function eventsOf(body: Json): CaptureInput {
  const context = body['@context'];
  const bodyPart = (body.epcisBody ?? {}) as Json;
  if (body.type === 'EPCISQueryDocument') {
    const results = ((bodyPart.queryResults ?? {}) as Json).resultsBody as Json | undefined;
    const list = results?.eventList;
    return {
      context,
      events: Array.isArray(list) ? (list as Json[]) : [],
      listPointer: '/epcisBody/queryResults/resultsBody/eventList',
    };
  }
  const list = bodyPart.eventList;
  return {
    context,
    events: Array.isArray(list) ? (list as Json[]) : [],
    listPointer: '/epcisBody/eventList',
  };
}

/** Index of the event a pointer points into, or undefined for document-level issues. */
export function eventIndexOf(pointer: string, listPointer: string): number | undefined {
  if (!pointer.startsWith(`${listPointer}/`)) return undefined;
  const index = Number(pointer.slice(listPointer.length + 1).split('/')[0]);
  return Number.isInteger(index) ? index : undefined;
}
