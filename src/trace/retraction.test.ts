import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { capture, chainIds, minute, move, pack, party, reached, transformation } from './fixtures.js';

const declared = (event: Record<string, unknown>, corrective: string[] = []) => ({
  ...event,
  errorDeclaration: {
    declarationTime: '2026-07-02T00:00:00.000Z',
    reason: 'incorrect_data',
    correctiveEventIDs: corrective,
  },
});
const eventId = () => `urn:uuid:${crypto.randomUUID()}`;

describe.each(backends())('trace with retracted events [%s]', (backend) => {
  const ctx = useApp(backend);

  it('drops the relations of an event declared erroneous and keeps its corrective event', async () => {
    const id = chainIds();
    const wrong = transformation([id.lot('a')], [id.lot('wrong')], { id: eventId() });
    const fix = transformation([id.lot('a')], [id.lot('right')], { id: eventId() });
    await capture(ctx, [wrong]);
    expect(await reached(ctx, id.lot('a'), 'forward')).toEqual([id.lot('wrong')]);
    await capture(ctx, [declared(wrong, [fix.eventID as string]), fix]);
    expect(await reached(ctx, id.lot('a'), 'forward')).toEqual([id.lot('right')]);
  });

  it('ignores an event whose error declaration arrived before it', async () => {
    const id = chainIds();
    const wrong = transformation([id.lot('b')], [id.lot('c')], { id: eventId() });
    await capture(ctx, [declared(wrong)]);
    await capture(ctx, [wrong]);
    expect(await reached(ctx, id.lot('b'), 'forward')).toEqual([]);
  });

  it('reopens a membership whose unpacking was retracted', async () => {
    const id = chainIds();
    const pallet = id.sscc(3);
    const unpack = pack(pallet, [id.item(1)], 'DELETE', minute(60), eventId());
    await capture(ctx, [pack(pallet, [id.item(1)], 'ADD', minute(0)), unpack]);
    const later = `&at=${encodeURIComponent(minute(90))}`;
    expect(await reached(ctx, pallet, 'back', later)).toEqual([]);
    await capture(ctx, [declared(unpack)]);
    expect(await reached(ctx, pallet, 'back', later)).toEqual([id.item(1)]);
  });

  it('takes a retracted shipment out of the holdings', async () => {
    const id = chainIds();
    const lot = id.lot('beef');
    const ship = move('shipping', [{ epc: lot, quantity: 40 }], {
      source: party(1),
      destination: party(2),
      id: eventId(),
    });
    await capture(ctx, [
      move('commissioning', [{ epc: lot, quantity: 100 }], { destination: party(1) }),
      ship,
    ]);
    const holders = async () =>
      (
        await ctx.app.inject({ url: `/api/trace/${encodeURIComponent(lot)}/holders`, headers: ctx.admin })
      ).json().holders;
    expect(await holders()).toMatchObject([{ party: party(1), held: 60 }]);
    await capture(ctx, [declared(ship)]);
    expect(await holders()).toMatchObject([{ party: party(1), held: 100 }]);
  });
});
