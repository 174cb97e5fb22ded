import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { issueSuyuanCode } from '../identifiers/suyuan-code.js';
import { creditCode } from '../parties/test-factories.js';

describe.each(backends())('public data elements of template-bound events in a trace [%s]', (backend) => {
  const ctx = useApp(backend);

  it('shows a consumer the CTE name and the fields its template marks public, never the others', async () => {
    const auth = await ctx.key(['capture', 'query'], creditCode());
    const batch = issueSuyuanCode({ prefix: 'CN46', kind: 'lot' });
    const stored = await ctx.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: auth,
      payload: {
        template: 'meat-vegetables',
        cte: 'vegetable-entry',
        fields: {
          batchCode: batch,
          entryDate: '2026-11-21T04:10:00+08:00',
          trader: '92460100MA5T0003XQ',
          variety: '大白菜',
          weight: '2000 KGM', // partners only
          originCertificate: 'CD4601202611001',
          origin: '海南省海口市',
        },
      },
    });
    expect(stored.statusCode, stored.body).toBe(201);
    const url = `/api/trace/${batch}`;
    const anonymous = (await ctx.app.inject(url)).json();
    expect(anonymous.view).toBe('public');
    const [event] = anonymous.events;
    expect(event.activity).toEqual({ zh: expect.any(String), en: expect.any(String) });
    const byName = Object.fromEntries(
      (event.elements as { name: string; text: { zh: string } }[]).map((e) => [e.name, e.text.zh]),
    );
    expect(byName).toEqual({
      variety: '大白菜',
      originCertificate: 'CD4601202611001',
      origin: '海南省海口市',
    });
    expect(JSON.stringify(event.elements)).not.toContain('2000'); // the weight is for partners
    // callers with keys read the events themselves (EPCIS query, full or partial view)
    expect((await ctx.app.inject({ url, headers: ctx.admin })).json().events[0]).not.toHaveProperty(
      'elements',
    );
  });
});
