import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { gtin } from '../../test/factories.js';
import { capture, chainIds, minute, move, pack, party } from './fixtures.js';

describe.each(backends())('holdings follow containers [%s]', (backend) => {
  const ctx = useApp(backend);
  const factory = party(31);
  const wholesaler = party(32);
  const pharmacy = party(33);
  const hospital = party(34);

  /** 4 serialised units → 2 cases → 1 pallet; the pallet ships, is unpacked, the cases go on. */
  async function drugChain() {
    const units = chainIds(5);
    const cases = chainIds(6);
    const [u1, u2, u3, u4] = [1, 2, 3, 4].map((n) => units.item(n)) as [string, string, string, string];
    const [c1, c2] = [cases.item(1), cases.item(2)];
    const pallet = units.sscc(1);
    await capture({ app: ctx.app, auth: ctx.admin }, [
      move('commissioning', [u1, u2, u3, u4], { destination: factory, at: minute(0) }),
      pack(c1, [u1, u2], 'ADD', minute(1)),
      pack(c2, [u3, u4], 'ADD', minute(1)),
      pack(pallet, [c1, c2], 'ADD', minute(2)),
      move('shipping', [pallet], { source: factory, destination: wholesaler, at: minute(10) }),
      move('receiving', [pallet], { source: factory, destination: wholesaler, at: minute(20) }),
      pack(pallet, [], 'DELETE', minute(30)),
      move('shipping', [c1], { source: wholesaler, destination: pharmacy, at: minute(40) }),
      move('receiving', [c1], { source: wholesaler, destination: pharmacy, at: minute(50) }),
      move('shipping', [c2], { source: wholesaler, destination: hospital, at: minute(40) }),
      move('receiving', [c2], { source: wholesaler, destination: hospital, at: minute(50) }),
      // the pharmacy sells one unit out of its case, naming the unit
      move('retail_selling', [u1], { source: pharmacy, at: minute(60) }),
      // a later shipment of the (now empty) pallet moves nothing inside it
      move('shipping', [pallet], { source: wholesaler, destination: factory, at: minute(70) }),
    ]);
    return { units, u1, u2, u3, pallet };
  }

  const holders = async (code: string, query = '') => {
    const response = await ctx.app.inject({
      url: `/api/trace/${encodeURIComponent(code)}/holders${query}`,
      headers: ctx.admin,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().holders as {
      party: string;
      held: number;
      received: number;
      shipped: number;
      sold: number;
    }[];
  };

  it('moves a unit with the case and pallet it was packed in', async () => {
    const { u1, u3 } = await drugChain();
    expect(await holders(u1)).toEqual([
      expect.objectContaining({ party: factory, produced: 1, shipped: 1, held: 0 }),
      expect.objectContaining({ party: wholesaler, received: 1, shipped: 1, held: 0 }),
      expect.objectContaining({ party: pharmacy, received: 1, sold: 1, held: 0 }),
    ]);
    expect(await holders(u3)).toEqual([
      expect.objectContaining({ party: factory, produced: 1, shipped: 1, held: 0 }),
      expect.objectContaining({ party: wholesaler, received: 1, shipped: 1, held: 0 }),
      expect.objectContaining({ party: hospital, received: 1, held: 1 }),
    ]);
  });

  it('answers for a point in time: inside the pallet on the road, the unit was the wholesaler’s to receive', async () => {
    const { u2 } = await drugChain();
    const inTransit = await holders(u2, `?at=${encodeURIComponent(minute(15))}`);
    expect(inTransit).toEqual([
      expect.objectContaining({ party: factory, produced: 1, shipped: 1, held: 0 }),
    ]);
  });

  it('counts a product across its units wherever their containers took them', async () => {
    await drugChain();
    const product = `https://id.gs1.org/01/${gtin(5)}`;
    const byParty = new Map((await holders(product)).map((h) => [h.party, h]));
    // every chain of this file uses the same GTIN: each adds 4 units, 2 to the pharmacy (1 sold)
    // and 2 to the hospital, all through the wholesaler inside the pallet and cases
    const chains = byParty.get(pharmacy)?.sold ?? 0;
    expect(chains).toBeGreaterThanOrEqual(1);
    expect(byParty.get(factory)).toMatchObject({ produced: 4 * chains, shipped: 4 * chains, held: 0 });
    expect(byParty.get(wholesaler)).toMatchObject({ received: 4 * chains, shipped: 4 * chains, held: 0 });
    expect(byParty.get(pharmacy)).toMatchObject({ received: 2 * chains, held: chains });
    expect(byParty.get(hospital)).toMatchObject({ received: 2 * chains, held: 2 * chains });
  });

  it('does not count goods twice in the impact summary (packaging is not goods)', async () => {
    const { units, u1 } = await drugChain();
    const lot = [1, 2, 3, 4].map((n) => `lot=${encodeURIComponent(units.item(n))}`).join('&');
    const impact = await ctx.app.inject({ url: `/api/impact?${lot}`, headers: ctx.admin });
    expect(impact.statusCode, impact.body).toBe(200);
    const parties = impact.json().parties as {
      party: string;
      received: number;
      held: number;
      objects: number;
    }[];
    const hospitalRow = parties.find((p) => p.party === hospital);
    expect(hospitalRow).toMatchObject({ received: 2, held: 2, objects: 2 });
    const perObject = impact.json().holdings as { party: string; object: string; held: number }[];
    expect(perObject.find((h) => h.party === pharmacy && h.object === u1)).toMatchObject({ held: 0 });
  });
});
