import { describe, expect, it } from 'vitest';
import { backends, useDatabase } from '../../test/database.js';
import { validateEvent } from '../epcis/validation/index.js';
import { checkRecord, eventToFields, recordToEvent, storeRecords } from './engine.js';
import { chainOrder, exampleChain, exampleEnterprise, exampleFields, exampleNow } from './fixtures.js';
import { builtinTemplates } from './loader.js';
import { templateCategories } from './model.js';
import { syncBuiltinTemplates } from './repository.js';
import { validateTemplate } from './schema.js';

const templates = builtinTemplates();

describe('built-in templates', () => {
  it('cover the nine categories of DOMAIN.md and the FSMA 204 KDE sets', () => {
    const categories = new Set(templates.map((t) => t.category));
    for (const category of Object.keys(templateCategories)) expect(categories, category).toContain(category);
    const fsma = templates.find((t) => t.id === 'fsma-204');
    expect(fsma?.ctes.map((c) => c.id)).toEqual(['shipping', 'receiving']);
    // 8 KDEs each (the reference document counts once, as type and number)
    for (const cte of fsma?.ctes ?? [])
      expect(
        cte.fields.filter((f) => f.name !== 'referenceDocumentType' && f.name !== 'tlcSourceReference'),
      ).toHaveLength(8);
  });

  it('have the CTEs the issue lists', () => {
    const ctes = (id: string) => templates.find((t) => t.id === id)?.ctes.map((c) => c.id);
    expect(ctes('meat-vegetables')).toEqual(
      expect.arrayContaining([
        'farm-harvest',
        'slaughter',
        'cutting',
        'meat-entry',
        'vegetable-entry',
        'trade',
        'retail-sale',
      ]),
    );
    expect(ctes('food')).toEqual([
      'raw-material-receipt',
      'production',
      'factory-inspection',
      'shipping',
      'receiving',
    ]);
    expect(ctes('drugs')).toEqual([
      'production',
      'packing',
      'palletising',
      'shipping',
      'receiving',
      'dispensing',
    ]);
    expect(ctes('farm-inputs')).toEqual(['market-entry-filing', 'purchase', 'sale', 'field-use']);
    expect(ctes('elevators')).toEqual([
      'installation',
      'use-registration',
      'maintenance',
      'periodic-inspection',
    ]);
    expect(ctes('gas-cylinders')).toEqual([
      'manufacture',
      'registration',
      'filling',
      'inspection',
      'scrapping',
    ]);
    expect(ctes('hazardous-goods')).toEqual([
      'production',
      'sale',
      'storage',
      'transport',
      'use',
      'destruction',
    ]);
    expect(ctes('rare-earth')).toEqual(['mining', 'separation', 'sale', 'export']);
    expect(ctes('imports')).toEqual(expect.arrayContaining(['port-entry', 'distribution']));
    expect(ctes('herbs')?.length).toBeGreaterThanOrEqual(3);
  });

  it('name the parties on both sides of every shipment, receipt and sale, so receipts match shipments', () => {
    const moving: Record<string, 'source' | 'destination'> = {
      shipping: 'source',
      receiving: 'destination',
      retail_selling: 'source',
      'urn:suyuan:bizstep:wholesale_trade': 'source',
      'urn:suyuan:bizstep:licensed_sale': 'source',
    };
    const sides = (
      cte: (typeof templates)[number]['ctes'][number],
      side: 'source' | 'destination',
      type: string,
    ) =>
      cte.fields.filter((f) => {
        const map = f.epcis;
        return f.required && map && typeof map === 'object' && side in map && (map as never)[side] === type;
      });
    const missing: string[] = [];
    for (const t of templates) {
      for (const cte of t.ctes) {
        const own = moving[cte.bizStep];
        if (!own) continue;
        // FSMA 204 names places, not parties: both its locations are required
        const type = t.id === 'fsma-204' ? 'location' : 'owning_party';
        const named = (side: 'source' | 'destination') =>
          sides(cte, side, type).length > 0 ||
          // FSMA's receiving location is where the event happened (bizLocation)
          (side === 'destination' &&
            type === 'location' &&
            cte.fields.some((f) => f.required && f.epcis === 'bizLocation'));
        const ok =
          named(own) &&
          (['shipping', 'receiving'].includes(cte.bizStep)
            ? named(own === 'source' ? 'destination' : 'source')
            : true);
        if (!ok) missing.push(`${t.id}/${cte.id}`);
      }
    }
    expect(missing).toEqual([]);
  });

  for (const template of templates) {
    describe(`${template.id}@${template.version}`, () => {
      it('is a valid template with zh-CN and English labels on every field', () => {
        expect(validateTemplate(template)).toEqual([]);
        for (const cte of template.ctes)
          for (const f of cte.fields) expect(f.label.zh).toMatch(/[\u4e00-\u9fa5]/);
      });

      for (const cte of template.ctes) {
        it(`${cte.id}: the example record converts to a valid EPCIS event and back`, () => {
          expect(
            cte.fields.every((f) => f.example !== undefined),
            'every field has an example',
          ).toBe(true);
          const fields = exampleFields(cte);
          expect(checkRecord(template, cte.id, fields, exampleNow)).toEqual([]);
          const converted = recordToEvent(template, cte.id, fields, { enterprise: null, now: exampleNow });
          if (!converted.ok) throw new Error(JSON.stringify(converted.issues));
          expect(validateEvent(converted.event, '')).toEqual([]);
          expect(converted.event).toMatchObject({
            'suyuan:template': `${template.id}@${template.version}`,
            'suyuan:cte': cte.id,
          });
          // the capture check reads the same fields back from the event
          expect(
            checkRecord(template, cte.id, eventToFields(cte, converted.event) as never, exampleNow),
          ).toEqual([]);
        });

        it(`${cte.id}: with only its required fields, converts to a valid EPCIS event and back`, () => {
          const required = cte.fields.filter((f) => f.required).map((f) => f.name);
          const fields = Object.fromEntries(
            Object.entries(exampleFields(cte)).filter(([name]) => required.includes(name)),
          );
          const converted = recordToEvent(template, cte.id, fields, { enterprise: null, now: exampleNow });
          if (!converted.ok) throw new Error(JSON.stringify(converted.issues));
          expect(validateEvent(converted.event, '')).toEqual([]);
          const back = eventToFields(cte, converted.event);
          expect(checkRecord(template, cte.id, back as never, exampleNow)).toEqual([]);
          expect(Object.keys(back).sort()).toEqual([...required].sort());
        });
      }
    });
  }
});

describe.each(backends())('built-in example chains are stored [%s]', (backend) => {
  const db = useDatabase(backend);

  it('loads the built-in templates into the database once', async () => {
    await syncBuiltinTemplates(db.current.db);
    const again = await syncBuiltinTemplates(db.current.db);
    expect(again).toEqual({ added: [], changed: [] });
    const rows = await db.current.db
      .selectFrom('templates')
      .select(['id', 'version'])
      .where('builtin', '=', true)
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(templates.length);
  });

  it('food: a production record without raw-material lots is stored as the creation of the product lot', async () => {
    const food = templates.find((t) => t.id === 'food') as (typeof templates)[number];
    const [production] = exampleChain(food, ['production']);
    if (!production) throw new Error('no production example');
    delete production.fields.materialLots;
    const converted = recordToEvent(food, 'production', production.fields, {
      enterprise: null,
      now: exampleNow,
    });
    if (!converted.ok) throw new Error(JSON.stringify(converted.issues));
    expect(converted.event).toMatchObject({
      type: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'creating_class_instance',
      quantityList: [
        { epcClass: `urn:suyuan:code:${production.fields.productLot}`, quantity: 4800, uom: 'KGM' },
      ],
      ilmd: { 'cbvmda:itemExpirationDate': expect.any(String) },
    });
    expect(converted.event).not.toHaveProperty('outputQuantityList');
    const result = await db.current.db
      .transaction()
      .execute((trx) =>
        storeRecords(
          trx,
          { principal: 'test', enterprise: exampleEnterprise },
          [production],
          'rollback',
          exampleNow,
        ),
      );
    expect(result.issues).toEqual([]);
    const row = await db.current.db
      .selectFrom('events')
      .select(['event_type', 'action', 'template_cte'])
      .where('event_id', '=', result.eventIds[0] as string)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ event_type: 'ObjectEvent', action: 'ADD', template_cte: 'production' });
  });

  for (const template of templates) {
    it(`${template.id}: every CTE's example is stored through the capture path`, async () => {
      const records = exampleChain(template, chainOrder[template.id]);
      const result = await db.current.db
        .transaction()
        .execute((trx) =>
          storeRecords(
            trx,
            { principal: 'test', enterprise: exampleEnterprise },
            records,
            'rollback',
            exampleNow,
          ),
        );
      expect(result.issues).toEqual([]);
      expect(result.stored).toBe(records.length);
      const rows = await db.current.db
        .selectFrom('events')
        .select(['template', 'template_cte'])
        .where('event_id', 'in', result.eventIds)
        .execute();
      expect(new Set(rows.map((r) => r.template))).toEqual(new Set([`${template.id}@${template.version}`]));
      expect(rows.map((r) => r.template_cte).sort()).toEqual(records.map((r) => r.cte).sort());
    });
  }
});
