import type { CodeFacts } from './lookup.js';
import { summarise } from './service.js';

const marker = 'SUYUAN-SCANS-SINCE';
const placeholder = `"scans":{"count":0,"since":"${marker}"}`;

interface Template {
  day: string;
  prefix: string;
  suffix: string;
}

/**
 * The JSON summary of cached facts, serialized once and reused: only the scan counter changes from
 * one resolve of a code to the next, so the document is kept as the text before and after its
 * `scans` member. A template belongs to one facts object (the cache replaces the object when a
 * reload changes anything; scan counts, which the template leaves out, are updated in place) and
 * one day (`expired` turns at midnight UTC).
 *
 * `serialize` is the route's own serializer, so the text is byte for byte what the route would
 * send for the same summary. On a cached resolve this saves building the summary and serializing
 * ~800 bytes per request.
 */
export class SummaryTemplates {
  private templates = new WeakMap<CodeFacts, Template | null>();

  /**
   * The summary as JSON text; undefined when there is no template: the code is unknown (never
   * issued nor seen), or (never expected) the text holds the marker more than once.
   */
  render(
    facts: CodeFacts,
    scans: { count: number; first: Date },
    now: Date,
    serialize: (summary: Record<string, unknown>) => string,
  ): string | undefined {
    const day = now.toISOString().slice(0, 10);
    let template = this.templates.get(facts);
    if (template === undefined || (template !== null && template.day !== day)) {
      template = build(facts, now, day, serialize);
      this.templates.set(facts, template);
    }
    if (template === null) return undefined;
    return `${template.prefix}"scans":{"count":${scans.count},"since":"${scans.first.toISOString()}"}${template.suffix}`;
  }
}

function build(
  facts: CodeFacts,
  now: Date,
  day: string,
  serialize: (summary: Record<string, unknown>) => string,
): Template | null {
  const summary = summarise(facts, { count: 0, first: now }, now);
  if (!summary) return null;
  const text = serialize({ ...summary, scans: { count: 0, since: marker } });
  const at = text.indexOf(placeholder);
  if (at < 0 || text.indexOf(placeholder, at + 1) >= 0) return null;
  return { day, prefix: text.slice(0, at), suffix: text.slice(at + placeholder.length) };
}
