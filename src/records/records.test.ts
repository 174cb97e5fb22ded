import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { issueSuyuanCode } from '../identifiers/suyuan-code.js';
import { creditCode } from '../parties/test-factories.js';

const lot = () => issueSuyuanCode({ prefix: 'CN46', kind: 'lot' });

function vegetableEntry(batchCode: string, overrides: Record<string, unknown> = {}) {
  return {
    template: 'meat-vegetables',
    cte: 'vegetable-entry',
    fields: {
      batchCode,
      entryDate: '2026-11-21T04:10:00+08:00',
      trader: '92460100MA5T0003XQ',
      variety: '大白菜',
      weight: '2000 KGM',
      originCertificate: 'CD4601202611001',
      origin: '海南省海口市',
      ...overrides,
    },
  };
}

describe.each(backends())('POST /api/records [%s]', (backend) => {
  const ctx = useApp(backend);
  const post = (headers: Record<string, string>, payload: unknown, query = '') =>
    ctx.app.inject({ method: 'POST', url: `/api/records${query}`, headers, payload: payload as object });

  it('stores one record as an EPCIS event that names its template version', async () => {
    const auth = await ctx.key(['capture', 'query'], creditCode());
    const code = lot();
    const response = await post(auth, vegetableEntry(code));
    expect(response.statusCode, response.body).toBe(201);
    const { eventIDs } = response.json() as { eventIDs: string[] };
    expect(eventIDs).toHaveLength(1);
    const row = await ctx.database.db
      .selectFrom('events')
      .select(['template', 'template_cte', 'biz_step', 'doc'])
      .where('event_id', '=', eventIDs[0] as string)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      template: 'meat-vegetables@1',
      template_cte: 'vegetable-entry',
      biz_step: 'urn:suyuan:bizstep:market_entry',
    });
    expect(row.doc).toMatchObject({
      quantityList: [{ epcClass: `urn:suyuan:code:${code}`, quantity: 2000, uom: 'KGM' }],
      ilmd: { 'suyuan:origin': '海南省海口市' },
    });
  });

  it('refuses a bad batch whole, with /records/N/fields/NAME pointers', async () => {
    const auth = await ctx.key(['capture', 'query'], creditCode());
    const good = vegetableEntry(lot());
    const bad = vegetableEntry(lot(), {
      weight: '12 LTR',
      entryDate: '2099-01-01T00:00:00+08:00',
      originCertificate: null,
    });
    const response = await post(auth, { records: [good, bad] });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const pointers = (response.json() as { errors: { pointer: string }[] }).errors.map((e) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/records/1/fields/weight',
        '/records/1/fields/entryDate',
        '/records/1/fields/originCertificate',
      ]),
    );
    const code = (good.fields as { batchCode: string }).batchCode;
    const stored = await ctx.database.db
      .selectFrom('event_epcs')
      .select('epc')
      .where('epc', '=', `urn:suyuan:code:${code}`)
      .execute();
    expect(stored).toHaveLength(0);
  });

  it('stores the valid records under mode=proceed and reports the others', async () => {
    const auth = await ctx.key(['capture', 'query'], creditCode());
    const response = await post(
      auth,
      { records: [vegetableEntry(lot()), { template: 'nope', cte: 'x', fields: {} }] },
      '?mode=proceed',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ stored: 1, errors: [{ pointer: '/records/1/template' }] });
  });

  it('names an unknown CTE and an unknown field', async () => {
    const auth = await ctx.key(['capture', 'query'], creditCode());
    const unknownCte = await post(auth, { ...vegetableEntry(lot()), cte: 'teleport' });
    expect(unknownCte.statusCode).toBe(400);
    expect(unknownCte.json().errors[0]).toMatchObject({ pointer: '/cte' });
    const unknownField = await post(auth, vegetableEntry(lot(), { colour: 'green' }));
    expect(unknownField.json().errors[0]).toMatchObject({ pointer: '/fields/colour' });
  });

  it('takes records from logged-in enterprise users, owned by their enterprise', async () => {
    const enterprise = creditCode();
    const operator = await ctx.login({ role: 'enterprise_operator', enterprise });
    const response = await post(operator, vegetableEntry(lot()));
    expect(response.statusCode, response.body).toBe(201);
    const row = await ctx.database.db
      .selectFrom('events')
      .select('owner_enterprise')
      .where('event_id', '=', response.json().eventIDs[0])
      .executeTakeFirstOrThrow();
    expect(row.owner_enterprise).toBe(enterprise);
    const regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '46' });
    expect((await post(regulator, vegetableEntry(lot()))).statusCode).toBe(403);
  });

  it('needs the capture permission and limits the batch size', async () => {
    const anonymous = await post({}, vegetableEntry(lot()));
    expect(anonymous.statusCode).toBe(401);
    const reader = await ctx.key(['query'], creditCode());
    expect((await post(reader, vegetableEntry(lot()))).statusCode).toBe(403);
    const auth = await ctx.key(['capture'], creditCode());
    const many = Array.from({ length: 1001 }, () => vegetableEntry('CN46BGP1XF3A7QYR'));
    expect((await post(auth, { records: many })).statusCode).toBe(413);
  });
});
