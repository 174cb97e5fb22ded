import { describe, expect, it } from 'vitest';
import type { TraceGraph, TraceObject, TraceRelation } from './schema.js';
import { renderTree } from './tree.js';

const object = (uri: string, depth: number): TraceObject => ({
  uri,
  code: uri,
  kind: 'lot',
  product: null,
  productName: '猪肉',
  lot: uri,
  productionDate: null,
  expiryDate: null,
  producedAt: null,
  producer: null,
  origin: null,
  depth,
});
const relation = (from: string, to: string): TraceRelation => ({
  from,
  to,
  kind: 'transform',
  fromQuantity: 10,
  toQuantity: null,
  uom: 'KGM',
  at: '2026-07-01T08:00:00.000Z',
  until: null,
});

describe('trace tree', () => {
  it('prints back and forward branches and names a node met twice instead of repeating it', () => {
    const graph: TraceGraph = {
      start: 'B',
      direction: 'both',
      depth: 50,
      at: null,
      view: 'full',
      objects: [object('A', -1), object('B', 0), object('C', 1), object('D', 2)],
      relations: [relation('A', 'B'), relation('B', 'C'), relation('B', 'D'), relation('C', 'D')],
      parties: [],
      events: [],
    };
    expect(renderTree(graph).split('\n')).toEqual([
      'B (lot, 猪肉, lot B)',
      '来源 back:',
      '└─ A (lot, 猪肉, lot A)  [transform 2026-07-01 08:00 10 KGM]',
      '去向 forward:',
      '├─ C (lot, 猪肉, lot C)  [transform 2026-07-01 08:00 10 KGM]',
      '│  └─ D (lot, 猪肉, lot D)  [transform 2026-07-01 08:00 10 KGM]',
      '└─ D (lot, 猪肉, lot D)  [transform 2026-07-01 08:00 10 KGM]  (above)',
    ]);
  });
});
