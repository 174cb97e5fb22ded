import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { capture, chainIds, move, pack, party, reached, transformation } from './fixtures.js';

/** A random supply chain: transformations and packings among a few lots, cycles allowed. */
const chainArb = fc.record({
  size: fc.integer({ min: 2, max: 7 }),
  steps: fc.array(
    fc.record({
      pack: fc.boolean(),
      inputs: fc.uniqueArray(fc.nat(6), { minLength: 1, maxLength: 3 }),
      outputs: fc.uniqueArray(fc.nat(6), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

/** Stock moves of one lot among four parties; amounts are shares of what the sender holds. */
const movesArb = fc.array(
  fc.record({
    kind: fc.constantFrom('ship', 'sell', 'destroy'),
    from: fc.nat(3),
    to: fc.nat(3),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  { maxLength: 10 },
);

function reachable(edges: [number, number][], from: number): Set<number> {
  const seen = new Set<number>();
  const todo = [from];
  while (todo.length > 0) {
    const n = todo.pop() as number;
    for (const [a, b] of edges) {
      if (a === n && !seen.has(b)) {
        seen.add(b);
        todo.push(b);
      }
    }
  }
  seen.delete(from);
  return seen;
}

describe.each(backends())('lineage properties [%s]', (backend) => {
  const ctx = useApp(backend);

  it('puts Y in the forward trace of X exactly when X is in the back trace of Y', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb, async ({ size, steps }) => {
        const id = chainIds();
        const node = (n: number) => (n === 0 ? id.sscc(1) : id.item(n));
        const uri = Array.from({ length: size }, (_, n) => node(n));
        const edges: [number, number][] = [];
        const used = new Set<number>();
        const events = steps.map((s, i) => {
          const inputs = [...new Set(s.inputs.map((n) => n % size))];
          const outputs = [...new Set(s.outputs.map((n) => n % size))];
          const parent = outputs[0] as number;
          const children = inputs.filter((n) => n !== parent);
          if (s.pack && children.length > 0) {
            // packing: the children (inputs) go into one parent (the first output)
            for (const c of children) edges.push([c, parent]);
            for (const n of [parent, ...children]) used.add(n);
            return pack(
              uri[parent] as string,
              children.map((c) => uri[c] as string),
              'ADD',
              new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
            );
          }
          for (const a of inputs) for (const b of outputs) edges.push([a, b]);
          for (const n of [...inputs, ...outputs]) used.add(n);
          return transformation(
            inputs.map((n) => uri[n] as string),
            outputs.map((n) => uri[n] as string),
          );
        });
        await capture(ctx, events);
        // an identifier no event names is unknown (404): it reaches nothing
        const trace = (way: 'forward' | 'back'): Promise<string[][]> =>
          Promise.all(uri.map((u, n) => (used.has(n) ? reached(ctx, u, way) : [])));
        const [forward, back] = [await trace('forward'), await trace('back')];
        for (let x = 0; x < size; x++) {
          const expected = [...reachable(edges, x)].map((n) => uri[n] as string).sort();
          expect(forward[x]).toEqual(expected);
          for (let y = 0; y < size; y++) {
            expect(forward[x]?.includes(uri[y] as string)).toBe(back[y]?.includes(uri[x] as string));
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('balances quantities: what the parties hold is what was produced less what left the chain', async () => {
    await fc.assert(
      fc.asyncProperty(movesArb, async (moves) => {
        const lot = chainIds().lot('stock');
        const parties = [0, 1, 2, 3].map((i) => party(20 + i));
        const held = [1000, 0, 0, 0];
        let left = 0;
        const events = [move('commissioning', [{ epc: lot, quantity: 1000 }], { destination: parties[0] })];
        for (const m of moves) {
          const amount = Math.floor((held[m.from] as number) * m.share);
          if (amount === 0 || (m.kind === 'ship' && m.from === m.to)) continue;
          const goods = [{ epc: lot, quantity: amount }];
          const [source, destination] = [parties[m.from], parties[m.to]];
          held[m.from] = (held[m.from] as number) - amount;
          if (m.kind === 'ship') {
            held[m.to] = (held[m.to] as number) + amount;
            events.push(move('shipping', goods, { source, destination }));
            events.push(move('receiving', goods, { source, destination }));
          } else {
            left += amount;
            events.push(move(m.kind === 'sell' ? 'retail_selling' : 'destroying', goods, { source }));
          }
        }
        await capture(ctx, events);
        const response = await ctx.app.inject({
          url: `/api/trace/${encodeURIComponent(lot)}/holders`,
          headers: ctx.admin,
        });
        const holders = response.json().holders as { party: string; held: number }[];
        const total = holders.reduce((n, h) => n + h.held, 0);
        expect(total).toBe(1000 - left);
        for (const h of holders) expect(h.held).toBe(held[parties.indexOf(h.party)]);
      }),
      { numRuns: 15 },
    );
  });
});
