import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { gln } from '../../test/factories.js';
import { creditCode, fileEnterprise } from '../parties/test-factories.js';
import { capture, chainIds, move } from './fixtures.js';
import { creditCodeIn, glnIn, partyDirectory, regionNameOf } from './parties.js';

describe('party identifiers', () => {
  it('reads credit codes and GLNs out of the identifiers events use', () => {
    const code = creditCode();
    expect(creditCodeIn(code)).toBe(code);
    expect(creditCodeIn(`urn:suyuan:party:${code}`)).toBe(code);
    expect(creditCodeIn(`urn:suyuan:loc:${code}:3`)).toBe(code);
    expect(creditCodeIn('urn:suyuan:party:NOT-A-CODE')).toBeUndefined();
    expect(glnIn(`https://id.gs1.org/414/${gln(1)}/254/7`)).toBe(gln(1));
    expect(glnIn(`https://id.gs1.org/417/${gln(2)}`)).toBe(gln(2));
    expect(glnIn('https://id.gs1.org/01/06901234000017')).toBeUndefined();
    expect(regionNameOf('460105')).toBe('海南省 海口市 秀英区');
    expect(regionNameOf('469002')).toBe('海南省 琼海市');
  });
});

describe.each(backends())('parties and regions in traces [%s]', (backend) => {
  const ctx = useApp(backend);

  it('maps identifiers in SQL (suyuan_party_directory) by the same rules as glnIn and creditCodeIn', async () => {
    const filedGln = gln(Math.floor(Math.random() * 90000) + 100, '6951234');
    const filed = await fileEnterprise(ctx, { name: '琼海椰子加工厂', region: '469002', gln: filedGln });
    const ids = [
      filed.code,
      `urn:suyuan:party:${filed.code}`,
      `URN:SUYUAN:ENTERPRISE:${filed.code}`,
      `urn:suyuan:loc:${filed.code}:9`,
      `https://id.gs1.org/417/${filedGln}`,
      `https://id.gs1.org/414/${filedGln}/254/7`,
      `https://id.gs1.org/414/${filedGln}x`,
      `urn:suyuan:party:${creditCode('350200')}`,
      `${filed.code.toLowerCase()}`,
      'x'.repeat(600),
    ];
    const directory = await partyDirectory(ctx.database.db, ids);
    for (const id of ids) {
      const byRules =
        creditCodeIn(id) === filed.code || (creditCodeIn(id) === undefined && glnIn(id) === filedGln);
      expect(directory.get(id)?.creditCode, id).toBe(byRules && id.length < 512 ? filed.code : undefined);
    }
    expect(directory.get(filed.code)).toMatchObject({ name: '琼海椰子加工厂', regionName: '海南省 琼海市' });
  });

  it('names the enterprise and region behind GLNs, locations and credit codes', async () => {
    const farmGln = gln(Math.floor(Math.random() * 90000) + 100, '6951234');
    const farm = await fileEnterprise(ctx, {
      name: '文昌生猪养殖场',
      region: '469005',
      gln: farmGln,
      industries: ['edible-farm'],
      nodeTypes: ['farm'],
    });
    const market = await fileEnterprise(ctx, { name: '海口农产品批发市场', region: '460105' });
    const stall = await ctx.app.inject({
      method: 'POST',
      url: '/api/locations',
      headers: market.auth,
      payload: { kind: 'stall', name: 'A区3号摊位' },
    });
    expect(stall.statusCode, stall.body).toBe(201);
    const stallId = stall.json().identifier as string;
    const shop = `urn:suyuan:party:${creditCode('350200')}`; // not filed here: stays unnamed

    const id = chainIds();
    const pigs = id.lot('pigs');
    await capture({ app: ctx.app, auth: farm.auth }, [
      move('commissioning', [{ epc: pigs, quantity: 100 }], {
        destination: `https://id.gs1.org/417/${farmGln}`,
      }),
      move('shipping', [{ epc: pigs, quantity: 60 }], {
        source: `https://id.gs1.org/417/${farmGln}`,
        destination: stallId,
      }),
    ]);
    await capture({ app: ctx.app, auth: market.auth }, [
      move('receiving', [{ epc: pigs, quantity: 60 }], {
        source: `https://id.gs1.org/417/${farmGln}`,
        destination: stallId,
      }),
      move('shipping', [{ epc: pigs, quantity: 10 }], { source: stallId, destination: shop }),
    ]);

    const trace = await ctx.app.inject({
      url: `/api/trace/${encodeURIComponent(pigs)}?direction=both`,
      headers: ctx.admin,
    });
    expect(trace.statusCode, trace.body).toBe(200);
    const graph = trace.json() as {
      parties: {
        party: string;
        role: string;
        enterprise?: { name: string; region: string; location?: string };
      }[];
      events: { bizStep: string; where?: { name: string; regionName: string } }[];
    };
    const receiver = graph.parties.find((p) => p.role === 'receiver' && p.party === stallId);
    expect(receiver?.enterprise).toMatchObject({
      name: '海口农产品批发市场',
      region: '460105',
      location: 'A区3号摊位',
    });
    const producer = graph.parties.find((p) => p.role === 'producer');
    expect(producer?.enterprise).toMatchObject({ name: '文昌生猪养殖场', region: '469005' });
    expect(graph.parties.find((p) => p.party === shop)?.enterprise).toBeUndefined();
    // every event says where it happened, from its location or from the enterprise that recorded it
    expect(graph.events.map((e) => e.where?.name)).toEqual([
      '文昌生猪养殖场',
      '文昌生猪养殖场',
      '海口农产品批发市场',
      '海口农产品批发市场',
    ]);

    // the public view keeps where (enterprise, region, place) but no identifiers of events
    const pub = await ctx.app.inject({ url: `/api/trace/${encodeURIComponent(pigs)}?direction=both` });
    expect(pub.statusCode).toBe(200);
    const publicGraph = pub.json() as { events: { where?: { regionName: string }; eventId?: string }[] };
    expect(publicGraph.events[0]?.where?.regionName).toBe('海南省 文昌市');
    expect(publicGraph.events.every((e) => e.eventId === undefined)).toBe(true);

    const impact = await ctx.app.inject({
      url: `/api/impact?lot=${encodeURIComponent(pigs)}`,
      headers: ctx.admin,
    });
    expect(impact.statusCode, impact.body).toBe(200);
    expect(impact.json().regions).toEqual(['460105', '469005']);
    expect(impact.json().regionNames).toMatchObject({ '460105': '海南省 海口市 秀英区' });
    const held = (
      impact.json().parties as { party: string; held: number; enterprise?: { name: string } }[]
    ).find((p) => p.party === stallId);
    expect(held).toMatchObject({ held: 50, enterprise: { name: '海口农产品批发市场' } });
  });
});
