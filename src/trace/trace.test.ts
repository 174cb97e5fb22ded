import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { capture, chainIds, minute, move, pack, party, reached, transformation } from './fixtures.js';

describe.each(backends())('trace [%s]', (backend) => {
  const ctx = useApp(backend);

  it('traces a transformation chain back to its inputs and forward to its outputs', async () => {
    const id = chainIds();
    await capture(ctx, [
      transformation([{ epc: id.lot('pig'), quantity: 100 }], [{ epc: id.lot('carcass'), quantity: 70 }]),
      transformation([{ epc: id.lot('carcass'), quantity: 70 }], [id.item(1), id.item(2)]),
    ]);
    expect(await reached(ctx, id.item(1), 'back')).toEqual([id.lot('carcass'), id.lot('pig')].sort());
    expect(await reached(ctx, id.lot('pig'), 'forward')).toEqual(
      [id.lot('carcass'), id.item(1), id.item(2)].sort(),
    );
    const graph = (
      await ctx.app.inject({ url: `/api/trace/${encodeURIComponent(id.item(1))}`, headers: ctx.admin })
    ).json();
    expect(graph.view).toBe('full');
    expect(graph.relations).toHaveLength(2);
    expect(graph.relations[0]).toMatchObject({
      from: id.lot('pig'),
      to: id.lot('carcass'),
      kind: 'transform',
      fromQuantity: 100,
      toQuantity: 70,
    });
    expect(graph.relations[0].eventId).toEqual(expect.any(String));
    expect(graph.events).toHaveLength(2);
    expect(graph.objects.find((o: { uri: string }) => o.uri === id.lot('pig'))).toMatchObject({
      depth: -2,
      lot: `${id.tag}pig`,
      kind: 'lot',
    });
  });

  it('reaches each node of a diamond once', async () => {
    const id = chainIds();
    await capture(ctx, [
      transformation([id.lot('a')], [id.lot('b'), id.lot('c')]),
      transformation([id.lot('b')], [id.lot('d')]),
      transformation([id.lot('c')], [id.lot('d')]),
    ]);
    expect(await reached(ctx, id.lot('a'), 'forward')).toEqual(
      [id.lot('b'), id.lot('c'), id.lot('d')].sort(),
    );
    expect(await reached(ctx, id.lot('d'), 'back')).toEqual([id.lot('a'), id.lot('b'), id.lot('c')].sort());
  });

  it('ends on a cycle and returns every member once', async () => {
    const id = chainIds();
    await capture(ctx, [
      transformation([id.lot('x')], [id.lot('y')]),
      transformation([id.lot('y')], [id.lot('z')]),
      transformation([id.lot('z')], [id.lot('x')]),
    ]);
    expect(await reached(ctx, id.lot('x'), 'forward')).toEqual([id.lot('y'), id.lot('z')].sort());
    expect(await reached(ctx, id.lot('x'), 'back')).toEqual([id.lot('y'), id.lot('z')].sort());
  });

  it('follows a fan-out of 1,000 outputs', async () => {
    const id = chainIds();
    const items = Array.from({ length: 1000 }, (_, i) => id.item(i));
    await capture(ctx, [transformation([{ epc: id.lot('milk'), quantity: 5000 }], items)]);
    const forward = await reached(ctx, id.lot('milk'), 'forward');
    expect(forward).toHaveLength(1000);
    expect(await reached(ctx, items[999] as string, 'back')).toEqual([id.lot('milk')]);
    // a limit returns the nearest objects and says how many were reached
    const limited = await ctx.app.inject({
      url: `/api/trace/${encodeURIComponent(id.lot('milk'))}?direction=forward&limit=100`,
      headers: ctx.auth,
    });
    expect(limited.statusCode, limited.body).toBe(200);
    expect(limited.json().truncated).toEqual({ total: 1001, returned: 100 });
    expect(limited.json().objects).toHaveLength(100);
    expect(limited.json().objects[0].uri).toBe(id.lot('milk'));
    const kept = new Set((limited.json().objects as { uri: string }[]).map((o) => o.uri));
    for (const r of limited.json().relations as { from: string; to: string }[]) {
      expect(kept.has(r.from) && kept.has(r.to)).toBe(true);
    }
    const refused = await ctx.app.inject({
      url: `/api/trace/${encodeURIComponent(id.lot('milk'))}?limit=0`,
      headers: ctx.auth,
    });
    expect(refused.statusCode).toBe(400);
  });

  it('follows a chain 30 deep, and stops at the requested depth', async () => {
    const id = chainIds();
    const lots = Array.from({ length: 31 }, (_, i) => id.lot(i));
    await capture(
      ctx,
      lots.slice(1).map((lot, i) => transformation([lots[i] as string], [lot])),
    );
    expect(await reached(ctx, lots[30] as string, 'back')).toHaveLength(30);
    expect(await reached(ctx, lots[0] as string, 'forward', '&depth=30')).toHaveLength(30);
    expect(await reached(ctx, lots[0] as string, 'forward', '&depth=5')).toEqual(lots.slice(1, 6).sort());
  });

  it('links every input to every output of events sharing a transformationID', async () => {
    const id = chainIds();
    const tid = `urn:uuid:${crypto.randomUUID()}`;
    const first = transformation([id.lot('in1')], [], { id: `urn:uuid:${crypto.randomUUID()}` });
    const second = transformation([id.lot('in2')], [id.lot('out')], {
      id: `urn:uuid:${crypto.randomUUID()}`,
    });
    await capture(ctx, [
      { ...second, transformationID: tid },
      { ...first, transformationID: tid, outputEPCList: undefined },
    ]);
    expect(await reached(ctx, id.lot('out'), 'back')).toEqual([id.lot('in1'), id.lot('in2')].sort());
  });

  it('answers what was in a pallet at a given time', async () => {
    const id = chainIds();
    const pallet = id.sscc(1);
    const [a, b, c] = [id.item('a'), id.item('b'), id.item('c')];
    // captured out of order: the unpacking arrives before the packing
    await capture(ctx, [pack(pallet, [b], 'DELETE', minute(60)), pack(pallet, [c], 'ADD', minute(90))]);
    await capture(ctx, [pack(pallet, [a, b], 'ADD', minute(0))]);
    const at = (m: number) => `&at=${encodeURIComponent(minute(m))}`;
    expect(await reached(ctx, pallet, 'back', at(30))).toEqual([a, b].sort());
    expect(await reached(ctx, pallet, 'back', at(75))).toEqual([a]);
    expect(await reached(ctx, pallet, 'back', at(120))).toEqual([a, c].sort());
    expect(await reached(ctx, pallet, 'back')).toEqual([a, b, c].sort());
    expect(await reached(ctx, a, 'forward', at(30))).toEqual([pallet]);
    await capture(ctx, [pack(pallet, [], 'DELETE', minute(150))]);
    expect(await reached(ctx, pallet, 'back', at(160))).toEqual([]);
  });

  it('gives the same lineage whatever order the events were captured in', async () => {
    const scenario = () => {
      const id = chainIds();
      const pallet = id.sscc(7);
      return {
        id,
        pallet,
        events: [
          move('commissioning', [{ epc: id.lot('farm'), quantity: 500 }], {
            at: minute(0),
            destination: party(1),
          }),
          transformation([{ epc: id.lot('farm'), quantity: 500 }], [id.item(1), id.item(2)], {
            at: minute(10),
          }),
          pack(pallet, [id.item(1), id.item(2)], 'ADD', minute(20)),
          pack(pallet, [id.item(2)], 'DELETE', minute(30)),
          transformation([id.item(2)], [id.lot('mix')], { at: minute(40) }),
        ],
      };
    };
    const inOrder = scenario();
    const reversed = scenario();
    await capture(ctx, inOrder.events);
    for (const event of [...reversed.events].reverse()) await capture(ctx, [event]);
    const shape = async (s: ReturnType<typeof scenario>, query: string) =>
      (await reached(ctx, s.id.lot('farm'), 'forward', query)).map((u) =>
        u === s.pallet ? 'pallet' : u.replace(s.id.tag, '*'),
      );
    for (const query of [
      '',
      `&at=${encodeURIComponent(minute(25))}`,
      `&at=${encodeURIComponent(minute(35))}`,
    ]) {
      expect(await shape(reversed, query)).toEqual(await shape(inOrder, query));
    }
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    const id = chainIds();
    const unknown = await ctx.app.inject({ url: `/api/trace/${encodeURIComponent(id.lot('none'))}` });
    expect(unknown.statusCode).toBe(404);
    const bad = await ctx.app.inject({ url: '/api/trace/01234' });
    expect(bad.statusCode).toBe(400);
  });

  it('accepts a Digital Link path and an EPC URN for the same object', async () => {
    const id = chainIds();
    await capture(ctx, [transformation([id.lot('p')], [id.lot('q')])]);
    const path = id.lot('q').replace('https://id.gs1.org', '');
    const viaPath = await ctx.app.inject({ url: `/api/trace/${encodeURIComponent(path)}?direction=back` });
    expect(viaPath.statusCode).toBe(200);
    expect(viaPath.json().objects.map((o: { uri: string }) => o.uri)).toContain(id.lot('p'));
  });
});
