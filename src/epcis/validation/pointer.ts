/** A JSON pointer segment (RFC 6901). */
export function escapeSegment(segment: string | number): string {
  const text = String(segment);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function child(pointer: string, segment: string | number): string {
  return `${pointer}/${escapeSegment(segment)}`;
}

const INDEX = /^\d+$/;

/**
 * How a message names the value at a pointer: the property name, `epcList[2]` for an array item,
 * `quantityList[0].uom` under an array item (paths stop at the event).
 */
export function label(pointer: string): string {
  const segments = pointer.split('/').slice(1).map(unescapeSegment);
  if (segments.length === 0) return 'the body';
  let start = segments.length - 1;
  while (start > 0) {
    const segment = segments[start] as string;
    const previous = segments[start - 1] as string;
    if (!INDEX.test(segment) && (!INDEX.test(previous) || segments[start - 2] === 'eventList')) break;
    start--;
  }
  return segments
    .slice(start)
    .map((segment, i) => (INDEX.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}
