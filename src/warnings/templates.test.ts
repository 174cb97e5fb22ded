import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { objectEvent } from '../../test/factories.js';
import { todayInChina } from '../parties/common.js';
import { exampleChain, exampleFields, freshCode } from '../templates/fixtures.js';
import { builtinTemplates } from '../templates/loader.js';
import type { RecordInput, Template, TemplateCte } from '../templates/model.js';
import { captureAs, daysAgo, enterprise, hoursAgo, warningsFor } from './fixtures.js';
import type { Rule } from './model.js';
import { raise } from './raise.js';
import { rules } from './rules/index.js';
import { unmatchedReceipt } from './rules/unmatched-receipt.js';
import { sqlParam } from './settings.js';

// The warning rules read what the built-in templates write (field names, numbers with units,
// business steps), and one failing rule never keeps the others from raising their warnings.

type Json = Record<string, unknown>;

const cteOf = (template: string, cte: string) => {
  const found = builtinTemplates()
    .find((t) => t.id === template)
    ?.ctes.find((c) => c.id === cte);
  if (!found) throw new Error(`no ${template}/${cte}`);
  return found;
};
const day = (daysBack: number) => todayInChina(new Date(Date.now() - daysBack * 86_400_000));

describe.each(backends())('warning rules over template records [%s]', (backend) => {
  const ctx = useApp(backend);

  const record = async (auth: Json, template: string, cte: string, fields: Json) => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: auth as never,
      payload: { template, cte, fields: { ...exampleFields(cteOf(template, cte)), ...fields } } as never,
    });
    expect(response.statusCode, response.body).toBe(201);
  };

  it('pesticide-safety-interval: a field-use record of farm-inputs, then a harvest on the same plot', async () => {
    const farm = await enterprise(ctx);
    const plot = `urn:suyuan:loc:${farm.code}:7`;
    await record(farm.auth, 'farm-inputs', 'field-use', {
      lotCode: freshCode('CN46B75GYDEC45CD'),
      plot,
      applicationDate: day(5),
      safetyIntervalDays: 14,
      earliestHarvestDate: day(-9),
    });
    await record(farm.auth, 'meat-vegetables', 'farm-harvest', {
      batchCode: freshCode('CN46B1QTA9G4NK0X'),
      harvestDate: day(2),
      farm: plot,
      producer: farm.code,
      lastPesticideUse: null,
    });
    const [warning, ...more] = await warningsFor(ctx, 'pesticide-safety-interval', { enterprise: farm.code });
    expect(more).toEqual([]);
    expect(warning?.evidence.events).toHaveLength(2);
    expect(warning?.evidence.facts).toMatchObject({ intervalDays: 14 });
  });

  it('pesticide-safety-interval: reads a safety interval written as a number with a unit', async () => {
    const farm = await enterprise(ctx);
    const plot = `urn:suyuan:loc:${farm.code}:8`;
    const use = (interval: unknown, at: string) =>
      objectEvent({
        eventTime: at,
        action: 'OBSERVE',
        bizStep: 'urn:suyuan:bizstep:pesticide_application', // no template: the older step name
        epcList: [],
        quantityList: [
          { epcClass: `urn:suyuan:code:${freshCode('CN46B75GYDEC45CD')}`, quantity: 1, uom: 'KGM' },
        ],
        bizLocation: { id: plot },
        '@context': [{ suyuan: 'https://suyuan.dev/ns/' }],
        'suyuan:safetyIntervalDays': interval,
      });
    // two weeks as {"suyuan:value", "suyuan:unit"}, and an unreadable one (the default 7 days applies)
    await captureAs(ctx, farm, [
      use({ 'suyuan:value': 2, 'suyuan:unit': 'WEE' }, daysAgo(10)),
      use('十四天', daysAgo(9)),
    ]);
    await record(farm.auth, 'meat-vegetables', 'farm-harvest', {
      batchCode: freshCode('CN46B1QTA9G4NK0X'),
      harvestDate: day(1),
      farm: plot,
      producer: farm.code,
      lastPesticideUse: null,
    });
    const [warning, ...more] = await warningsFor(ctx, 'pesticide-safety-interval', { enterprise: farm.code });
    expect(more).toEqual([]);
    expect(warning?.evidence.facts).toMatchObject({ intervalDays: 14 });
  });

  it('a failing rule is isolated: the other rules of the batch still raise their warnings', async () => {
    const broken: Rule = {
      id: 'broken-for-test',
      name: { zh: '测试', en: 'Test' },
      description: { zh: '测试', en: 'Test' },
      severity: 'low',
      parameters: [],
      onCapture: () => {
        throw new Error('this rule always fails');
      },
    };
    const list = rules as Rule[];
    list.unshift(broken);
    try {
      const firm = await enterprise(ctx);
      await captureAs(ctx, firm, [
        objectEvent({
          eventTime: hoursAgo(1),
          bizStep: 'inspecting',
          disposition: 'non_conformant',
          epcList: [`urn:suyuan:code:${freshCode('CN46B75GYDEC45CD')}`],
        }),
      ]);
      expect(await warningsFor(ctx, 'failed-inspection', { enterprise: firm.code })).toHaveLength(1);
    } finally {
      list.splice(list.indexOf(broken), 1);
    }
  });
});

describe.each(backends())('receipts recorded with the templates match their shipments [%s]', (backend) => {
  const ctx = useApp(backend);

  const post = async (auth: Json, records: RecordInput[]) => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: auth as never,
      payload: { records } as never,
    });
    expect(response.statusCode, response.body).toBe(201);
  };
  /**
   * The rule as the scan runs it, judging a day later, over every receipt (not only those since the
   * last scan: other test files scan the same PostgreSQL database at other times).
   */
  const judgeReceipts = () =>
    ctx.database.db.transaction().execute(async (trx) => {
      const select = unmatchedReceipt.onSchedule?.({
        trx,
        now: new Date(Date.now() + 25 * 3_600_000),
        since: null,
        param: (name, who) => sqlParam(unmatchedReceipt, name, who),
      });
      if (select) await raise(trx, unmatchedReceipt, select, 'schedule');
    });
  /** Sets the fields a CTE maps to owning_party in its source or destination list. */
  const withParties = (template: Template, r: RecordInput, source: string, destination: string) => {
    const cte = template.ctes.find((c) => c.id === r.cte) as TemplateCte;
    for (const f of cte.fields) {
      const map = f.epcis;
      if (!map || typeof map === 'string') continue;
      if ('source' in map && map.source === 'owning_party') r.fields[f.name] = source;
      if ('destination' in map && map.destination === 'owning_party') r.fields[f.name] = destination;
    }
    return r;
  };

  it('drugs, imports, food, herbs: no "received without upstream shipment" for a receipt of what was shipped', async () => {
    const receivers: Record<string, { receiver: string; stray: string[] }> = {};
    for (const id of ['drugs', 'imports', 'food', 'herbs']) {
      const template = builtinTemplates().find((t) => t.id === id) as Template;
      const shipping = template.ctes.findIndex((c) => c.bizStep === 'shipping');
      const receiving = template.ctes.find((c, i) => c.bizStep === 'receiving' && i > shipping);
      if (shipping < 0 || !receiving) throw new Error(`${id} has no shipping and receiving CTEs`);
      const chain = exampleChain(template, [
        ...template.ctes.slice(0, shipping + 1).map((c) => c.id),
        receiving.id,
      ]);
      const shipper = await enterprise(ctx);
      const receiver = await enterprise(ctx);
      const upstream = chain
        .slice(0, -1)
        .map((r, i) => (i === shipping ? withParties(template, r, shipper.code, receiver.code) : r));
      await post(shipper.auth, upstream);
      await post(receiver.auth, [
        withParties(template, chain.at(-1) as RecordInput, shipper.code, receiver.code),
      ]);
      const { rows: received } = await sql<{ counterparty: string | null }>`
        SELECT counterparty FROM lineage_movements
        WHERE kind = 'received' AND party = ${`urn:suyuan:party:${receiver.code}`}`.execute(ctx.database.db);
      expect(received.length, id).toBeGreaterThan(0);
      for (const r of received) expect(r.counterparty, id).toBe(`urn:suyuan:party:${shipper.code}`);
      // the control: a receipt from a supplier that never recorded the shipment is reported
      const [stray] = exampleChain(template, [receiving.id]);
      await post(receiver.auth, [withParties(template, stray as RecordInput, shipper.code, receiver.code)]);
      receivers[id] = {
        receiver: receiver.code,
        stray: Object.values(stray?.fields ?? {})
          .flat()
          .map(String),
      };
    }
    await judgeReceipts();
    for (const [id, { receiver, stray }] of Object.entries(receivers)) {
      const warnings = await warningsFor(ctx, 'unmatched-receipt', { enterprise: receiver });
      expect(warnings, id).toHaveLength(1);
      expect(
        (warnings[0]?.evidence.codes ?? []).every((c: string) => stray.some((s) => c.endsWith(s))),
        id,
      ).toBe(true);
    }
  });

  it('matches a shipment naming the parties by GLN with a receipt naming them by credit code', async () => {
    const gln = (twelve: string) => {
      const sum = [...twelve].reduce((t, d, i) => t + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
      return `${twelve}${(10 - (sum % 10)) % 10}`;
    };
    const shipper = await enterprise(ctx);
    const receiver = await enterprise(ctx);
    const tag = String(Date.now()).slice(-9);
    const glns = { shipper: gln(`691${tag}`), receiver: gln(`692${tag}`) };
    for (const [who, code] of [
      [glns.shipper, shipper.code],
      [glns.receiver, receiver.code],
    ])
      await sql`UPDATE enterprises SET gln = ${who} WHERE credit_code = ${code}`.execute(ctx.database.db);
    const template = builtinTemplates().find((t) => t.id === 'drugs') as Template;
    const order = ['production', 'packing', 'palletising', 'shipping', 'receiving'];
    const chain = exampleChain(template, order);
    const shipment = chain[3] as RecordInput;
    shipment.fields.shipper = glns.shipper;
    shipment.fields.consignee = glns.receiver;
    await post(shipper.auth, chain.slice(0, 4));
    const receipt = chain[4] as RecordInput;
    receipt.fields.supplier = shipper.code;
    receipt.fields.receiver = receiver.code;
    await post(receiver.auth, [receipt]);
    await judgeReceipts();
    expect(await warningsFor(ctx, 'unmatched-receipt', { enterprise: receiver.code })).toEqual([]);
  });
});
