import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { creditCode } from '../parties/test-factories.js';
import { recordToEvent } from './engine.js';
import { exampleChain, exampleNow } from './fixtures.js';
import { builtinTemplates } from './loader.js';
import type { RecordInput, Template } from './model.js';
import { partnerView, regulatorView } from './visibility.js';

type Json = Record<string, unknown>;
const hazardous = builtinTemplates().find((t) => t.id === 'hazardous-goods') as Template;

describe('regulatorView', () => {
  const drugs = builtinTemplates().find((t) => t.id === 'drugs') as Template;
  const [, packing] = exampleChain(drugs, ['production', 'packing']);

  it('hides only the owner-class fields from a regulator and keeps other extensions', () => {
    const fields = { ...(packing?.fields ?? {}), packingLine: '包装线A' };
    const converted = recordToEvent(drugs, 'packing', fields, { enterprise: null, now: exampleNow });
    if (!converted.ok) throw new Error(JSON.stringify(converted.issues));
    const event = { ...converted.event, 'ex:note': 'own extension' };
    expect(event).toHaveProperty('suyuan:packingLine');
    const seen = regulatorView(event) as Json;
    expect(seen).not.toHaveProperty('suyuan:packingLine'); // owner only
    expect(seen['ex:note']).toBe('own extension');
    expect(Object.keys(seen).length).toBe(Object.keys(event).length - 1);
    // a partner sees neither
    expect(partnerView(event)).not.toHaveProperty('ex:note');
  });
});

describe('partnerView', () => {
  const [, sale] = exampleChain(hazardous, ['production', 'sale']);
  const converted = recordToEvent(hazardous, 'sale', sale?.fields ?? {}, {
    enterprise: null,
    now: exampleNow,
  });
  const event = converted.ok ? converted.event : {};

  it('hides the fields a template marks for regulators or the owner, wherever they are', () => {
    const seen = partnerView(event) as Json;
    expect(seen['suyuan:productName']).toBe('2号岩石乳化炸药'); // partners
    expect(seen.epcList).toEqual(event.epcList);
    expect(seen.destinationList).toEqual(event.destinationList); // the buyer: partners
    for (const key of [
      'suyuan:agentIdNumber',
      'suyuan:agentName',
      'suyuan:buyerAddress',
      'suyuan:purpose',
      'bizTransactionList',
    ]) {
      expect(seen, key).not.toHaveProperty(key);
    }
    expect(event).toHaveProperty('suyuan:agentIdNumber'); // the stored event keeps everything
  });

  it('leaves events without a known template to the coarse rule', () => {
    expect(partnerView({ type: 'ObjectEvent', 'ex:price': 3 })).toBeUndefined();
    expect(
      partnerView({ type: 'ObjectEvent', 'suyuan:template': 'unknown@1', 'suyuan:cte': 'x' }),
    ).toBeUndefined();
  });
});

describe.each(backends())('field visibility on EPCIS queries [%s]', (backend) => {
  const ctx = useApp(backend);

  it('shows a partner the partner fields of a template-bound event and its owner everything', async () => {
    const seller = creditCode();
    const buyer = creditCode();
    const sellerKey = await ctx.key(['capture', 'query'], seller);
    const buyerKey = await ctx.key(['capture', 'query'], buyer);
    const [production, sale, storage] = exampleChain(hazardous, ['production', 'sale', 'storage']);
    const post = (auth: Json, records: unknown[]) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/records',
        headers: auth as never,
        payload: { records } as never,
      });
    expect((await post(sellerKey, [production, sale])).statusCode).toBe(201);
    expect((await post(buyerKey, [storage])).statusCode).toBe(201); // the buyer now shares the codes
    const code = ((sale as RecordInput).fields.codes as string[])[0];
    const read = async (auth: Json) => {
      const response = await ctx.app.inject({
        url: `/epcis/events?EQ_bizStep=urn:suyuan:bizstep:licensed_sale&MATCH_anyEPC=${encodeURIComponent(`urn:suyuan:code:${code}`)}`,
        headers: auth as never,
      });
      expect(response.statusCode).toBe(200);
      return response.json().epcisBody.queryResults.resultsBody.eventList as Json[];
    };
    const [asOwner] = await read(sellerKey);
    const [asPartner] = await read(buyerKey);
    expect(asOwner).toHaveProperty('suyuan:agentIdNumber');
    expect(asPartner).toMatchObject({
      'suyuan:productName': '2号岩石乳化炸药',
      'suyuan:template': 'hazardous-goods@1',
    });
    expect(asPartner).not.toHaveProperty('suyuan:agentIdNumber');
    expect(asPartner).not.toHaveProperty('bizTransactionList');
  });
});
