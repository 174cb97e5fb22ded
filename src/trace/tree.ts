import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import { type Direction, defaultDepth, maxDepth, type TraceGraph, type TraceObject } from './schema.js';
import { identifierOf, traceGraph } from './service.js';

function label(o: TraceObject | undefined, uri: string): string {
  if (!o) return uri;
  const facts = [o.kind, o.productName ?? o.product, o.lot ? `lot ${o.lot}` : null].filter(Boolean);
  return facts.length > 0 ? `${o.code} (${facts.join(', ')})` : o.code;
}

/** One direction of a graph as an indented tree; a node met again is named, not expanded again. */
function branch(graph: TraceGraph, way: 'back' | 'forward'): string[] {
  const objects = new Map(graph.objects.map((o) => [o.uri, o]));
  const next = new Map<string, TraceGraph['relations']>();
  for (const r of graph.relations) {
    const near = way === 'back' ? r.to : r.from;
    next.set(near, [...(next.get(near) ?? []), r]);
  }
  const lines: string[] = [];
  const seen = new Set<string>([graph.start]);
  const walk = (uri: string, prefix: string) => {
    const out = next.get(uri) ?? [];
    out.forEach((r, i) => {
      const far = way === 'back' ? r.from : r.to;
      const last = i === out.length - 1;
      const quantity = r.fromQuantity ?? r.toQuantity;
      const how = `${r.kind} ${r.at.slice(0, 16).replace('T', ' ')}${quantity === null ? '' : ` ${quantity}${r.uom ? ` ${r.uom}` : ''}`}`;
      const again = seen.has(far);
      lines.push(
        `${prefix}${last ? '└─' : '├─'} ${label(objects.get(far), far)}  [${how}]${again ? '  (above)' : ''}`,
      );
      if (again) return;
      seen.add(far);
      walk(far, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  walk(graph.start, '');
  return lines;
}

/** What `suyuan trace CODE` prints: the start, then where it came from and where it went. */
export function renderTree(graph: TraceGraph): string {
  const start = graph.objects.find((o) => o.uri === graph.start);
  const lines = [label(start, graph.start)];
  for (const way of ['back', 'forward'] as const) {
    if (graph.direction !== 'both' && graph.direction !== way) continue;
    const body = branch(graph, way);
    lines.push(way === 'back' ? '来源 back:' : '去向 forward:', ...(body.length > 0 ? body : ['(none)']));
  }
  const parties = [...new Set(graph.parties.map((p) => `${p.role} ${p.party}`))];
  if (parties.length > 0) lines.push('parties:', ...parties.map((p) => `  ${p}`));
  return lines.join('\n');
}

export interface TreeOptions {
  direction?: string;
  depth?: string;
  at?: string;
}

/** Parses the command-line options and renders the trace of one code. */
export async function traceTree(db: Kysely<DB>, code: string, options: TreeOptions): Promise<string> {
  const direction = (options.direction ?? 'both') as Direction;
  if (!['back', 'forward', 'both'].includes(direction))
    throw new DomainError('VALIDATION_FAILED', '--direction must be back, forward or both');
  const depth = Number(options.depth ?? defaultDepth);
  if (!Number.isInteger(depth) || depth < 1 || depth > maxDepth)
    throw new DomainError('VALIDATION_FAILED', `--depth must be an integer from 1 to ${maxDepth}`);
  const at = options.at === undefined ? undefined : new Date(options.at);
  if (at && Number.isNaN(at.getTime()))
    throw new DomainError('VALIDATION_FAILED', '--at must be an ISO 8601 time');
  return renderTree(await traceGraph(db, identifierOf(code), { direction, depth, at }));
}
