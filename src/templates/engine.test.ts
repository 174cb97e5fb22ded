import { describe, expect, it } from 'vitest';
import { checkRecord, eventToFields, recordToEvent } from './engine.js';
import type { Template, TemplateField } from './model.js';
import { validateTemplate, withDefaults } from './schema.js';

const now = new Date('2026-11-24T04:00:00Z');
const lang = (zh: string, en: string) => ({ zh, en });
const f = (name: string, type: TemplateField['type'], extra: Partial<TemplateField> = {}): TemplateField => ({
  name,
  type,
  required: false,
  label: lang(`字段${name}`, name),
  visibility: 'partners',
  ...extra,
});

/** A template with one field of every type and every mapping. */
const template: Template = {
  id: 'test-all',
  version: 3,
  category: 'food',
  label: lang('测试', 'Test'),
  ctes: [
    {
      id: 'make',
      label: lang('生产', 'Make'),
      bizStep: 'commissioning',
      eventType: 'ObjectEvent',
      action: 'ADD',
      disposition: 'active',
      rules: [
        { field: 'expiryDate', op: 'after', other: 'productionDate' },
        { field: 'shippedOn', op: 'notBefore', other: 'productionDate' },
      ],
      fields: [
        f('lot', 'code', { required: true, epcis: 'quantityList' }),
        f('weight', 'number', {
          required: true,
          unit: 'KGM',
          units: ['KGM', 'GRM', 'TNE'],
          min: 0,
          max: 1000,
          epcis: { quantityOf: 'lot' },
        }),
        f('count', 'number', { integer: true, min: 1 }),
        f('tare', 'number', { unit: 'KGM', units: ['KGM', 'GRM', 'H87'] }),
        f('name', 'text', { required: true, maxLength: 10 }),
        f('licence', 'text', { pattern: 'SC\\d{14}' }),
        f('productionDate', 'date', { required: true, epcis: 'eventTime' }),
        f('expiryDate', 'date', { allowFuture: true, epcis: { ilmd: 'cbvmda:itemExpirationDate' } }),
        f('shippedOn', 'date'),
        f('checkedAt', 'datetime'),
        f('shift', 'time'),
        f('grade', 'enum', {
          enum: [
            { value: 'a', label: lang('一级', 'Grade A') },
            { value: 'bad', label: lang('不合格', 'Rejected'), disposition: 'non_conformant' },
          ],
        }),
        f('organic', 'boolean'),
        f('maker', 'party', { epcis: { source: 'owning_party' } }),
        f('product', 'product', { epcis: 'ilmd' }),
        f('site', 'location', { epcis: 'bizLocation' }),
        f('report', 'file'),
        f('certificate', 'text', { epcis: { bizTransaction: 'testres' } }),
        f('temperature', 'number', { unit: 'CEL', epcis: { sensor: 'gs1:Temperature' } }),
        f('tags', 'code', { multiple: true, scheme: 'tag' }),
      ],
    },
  ],
};

const good = {
  lot: 'CN46BGP1XF3A7QYR',
  weight: '12.5 KGM',
  name: '全脂乳粉',
  productionDate: '2026-11-20',
};

const issues = (fields: Record<string, unknown>) =>
  checkRecord(template, 'make', { ...good, ...fields } as never, now);
const pointers = (fields: Record<string, unknown>) => issues(fields).map((i) => i.pointer);

describe('checkRecord', () => {
  it('accepts a minimal good record and the test template is itself valid', () => {
    expect(validateTemplate(template)).toEqual([]);
    expect(issues({})).toEqual([]);
  });

  it('names missing required fields, unknown fields and an unknown CTE', () => {
    expect(checkRecord(template, 'make', { weight: 1 } as never, now).map((i) => i.pointer)).toEqual([
      '/fields/lot',
      '/fields/name',
      '/fields/productionDate',
    ]);
    expect(pointers({ name: '  ' })).toEqual(['/fields/name']);
    expect(pointers({ colour: 'red' })).toEqual(['/fields/colour']);
    const unknown = checkRecord(template, 'teleport', good as never, now);
    expect(unknown).toEqual([{ pointer: '/cte', message: expect.stringContaining('has no CTE "teleport"') }]);
  });

  it('checks types: text, numbers, booleans, enums, times', () => {
    expect(pointers({ name: { zh: 'x' } })).toEqual(['/fields/name']);
    expect(pointers({ name: 'x'.repeat(11) })).toEqual(['/fields/name']);
    expect(pointers({ name: 12345 })).toEqual([]); // numbers are accepted as text (Excel cells)
    expect(pointers({ licence: 'SC1234' })).toEqual(['/fields/licence']);
    expect(pointers({ licence: 'SC10646010000012' })).toEqual([]);
    expect(pointers({ weight: 'twelve' })).toEqual(['/fields/weight']);
    expect(pointers({ weight: true })).toEqual(['/fields/weight']);
    expect(pointers({ count: 2.5 })).toEqual(['/fields/count']);
    expect(pointers({ count: 0 })).toEqual(['/fields/count']);
    expect(pointers({ organic: 'maybe' })).toEqual(['/fields/organic']);
    expect(pointers({ organic: '是' })).toEqual([]);
    expect(pointers({ grade: 'z' })).toEqual(['/fields/grade']);
    expect(pointers({ grade: '一级' })).toEqual([]);
    expect(pointers({ grade: 'grade a' })).toEqual([]);
    expect(pointers({ shift: '25:00' })).toEqual(['/fields/shift']);
    expect(pointers({ shift: '08:30' })).toEqual([]);
  });

  it('checks units and ranges in the default unit', () => {
    expect(pointers({ weight: '12 LTR' })).toEqual(['/fields/weight']);
    expect(issues({ weight: '12 LTR' })[0]?.message).toContain(
      'the unit LTR does not fit; use KGM, GRM, TNE',
    );
    expect(pointers({ weight: { value: 3, unit: 'TNE' } })).toEqual(['/fields/weight']); // 3000 kg > max
    expect(pointers({ weight: { value: 900, unit: 'GRM' } })).toEqual([]);
    expect(pointers({ weight: -1 })).toEqual(['/fields/weight']);
    expect(pointers({ count: '3 KGM' })).toEqual(['/fields/count']);
  });

  it('checks dates: calendar, future, and cross-field rules', () => {
    expect(pointers({ productionDate: '2026-02-30' })).toEqual(['/fields/productionDate']);
    expect(pointers({ productionDate: '20261120' })).toEqual(['/fields/productionDate']);
    expect(pointers({ productionDate: 45000 })).toEqual(['/fields/productionDate']);
    expect(issues({ productionDate: '2027-01-01' })[0]?.message).toContain('is in the future');
    expect(pointers({ expiryDate: '2028-01-01' })).toEqual([]); // allowFuture
    expect(issues({ expiryDate: '2026-11-19' })[0]).toEqual({
      pointer: '/fields/expiryDate',
      message: 'expiryDate (字段expiryDate) must be after productionDate (字段productionDate)',
    });
    expect(pointers({ shippedOn: '2026-11-19' })).toEqual(['/fields/shippedOn']); // before production
    expect(pointers({ shippedOn: '2026-11-20' })).toEqual([]);
    expect(pointers({ checkedAt: '2026-11-24T09:00:00+08:00' })).toEqual([]);
    expect(pointers({ checkedAt: '2026-11-25T09:00:00+08:00' })).toEqual(['/fields/checkedAt']);
    expect(pointers({ checkedAt: 'yesterday' })).toEqual(['/fields/checkedAt']);
  });

  it('checks identifiers: codes, parties, products, locations, files, lists', () => {
    expect(pointers({ lot: 'CN46BGP1XF3A7QYS' })).toEqual(['/fields/lot']); // wrong check character
    expect(pointers({ lot: '(01)06901234560015(10)L1' })).toEqual([]);
    expect(pointers({ lot: 'hello world' })).toEqual(['/fields/lot']);
    expect(pointers({ maker: '91460100MA5T0001XQ' })).toEqual([]);
    expect(pointers({ maker: 'ACME' })).toEqual(['/fields/maker']);
    expect(pointers({ product: '6901234560016' })).toEqual(['/fields/product']); // bad GTIN check digit
    expect(pointers({ product: '6901234560015' })).toEqual([]);
    expect(pointers({ site: '6901234000016' })).toEqual([]);
    expect(pointers({ site: 'the barn' })).toEqual(['/fields/site']);
    expect(pointers({ report: 'report.pdf' })).toEqual(['/fields/report']);
    expect(pointers({ report: 'https://files.example.cn/r.pdf' })).toEqual([]);
    expect(pointers({ tags: ['T-1', 'T-2'] })).toEqual([]);
    expect(pointers({ tags: 'T-1, T-2；T-3' })).toEqual([]);
    expect(pointers({ lot: ['CN46BGP1XF3A7QYR'] })).toEqual(['/fields/lot']); // one value expected
  });
});

describe('recordToEvent', () => {
  it('maps every kind of field onto the EPCIS event', () => {
    const result = recordToEvent(
      template,
      'make',
      {
        ...good,
        weight: { value: 900, unit: 'GRM' },
        expiryDate: '2027-05-20',
        grade: '不合格',
        organic: true,
        maker: '91460100MA5T0001XQ',
        product: '6901234560015',
        site: '6901234000016',
        certificate: 'JC/2026 01',
        temperature: 4,
        tags: 'T-1,T-2',
        checkedAt: '2026-11-21 08:00',
        tare: '500 GRM',
      },
      { enterprise: null, now },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.event).toMatchObject({
      type: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'non_conformant',
      eventTime: '2026-11-20T00:00:00+08:00',
      eventTimeZoneOffset: '+08:00',
      epcList: [],
      quantityList: [{ epcClass: 'urn:suyuan:code:CN46BGP1XF3A7QYR', quantity: 900, uom: 'GRM' }],
      sourceList: [{ type: 'owning_party', source: 'urn:suyuan:party:91460100MA5T0001XQ' }],
      bizLocation: { id: 'https://id.gs1.org/414/6901234000016' },
      bizTransactionList: [{ type: 'testres', bizTransaction: 'urn:suyuan:btx:testres:JC%2F2026%2001' }],
      ilmd: {
        'cbvmda:itemExpirationDate': '2027-05-20',
        'suyuan:product': 'https://id.gs1.org/01/06901234560015',
      },
      sensorElementList: [{ sensorReport: [{ type: 'gs1:Temperature', value: 4, uom: 'CEL' }] }],
      'suyuan:name': '全脂乳粉',
      'suyuan:grade': 'bad',
      'suyuan:organic': true,
      'suyuan:tags': ['urn:suyuan:tag:T-1', 'urn:suyuan:tag:T-2'],
      'suyuan:checkedAt': '2026-11-21T08:00:00+08:00',
      'suyuan:tare': { 'suyuan:value': 500, 'suyuan:unit': 'GRM' },
      'suyuan:template': 'test-all@3',
      'suyuan:cte': 'make',
    });
    expect(String(result.event.eventID)).toMatch(/^urn:uuid:/);
    // and back: the fields read from the event pass the same checks
    expect(
      checkRecord(template, 'make', eventToFields(template.ctes[0] as never, result.event) as never, now),
    ).toEqual([]);
  });

  it('keeps the unit of a number, and reads it back', () => {
    const result = recordToEvent(template, 'make', { ...good, tare: '3 H87' }, { enterprise: null, now });
    expect(result.ok && result.event['suyuan:tare']).toEqual({ 'suyuan:value': 3, 'suyuan:unit': 'H87' });
    if (result.ok)
      expect(
        checkRecord(template, 'make', eventToFields(template.ctes[0] as never, result.event) as never, now),
      ).toEqual([]);
  });

  it('returns the issues instead of an event for a bad record', () => {
    const result = recordToEvent(template, 'make', { ...good, weight: '5 LTR' }, { enterprise: null, now });
    expect(result).toEqual({ ok: false, issues: [expect.objectContaining({ pointer: '/fields/weight' })] });
  });
});

describe('validateTemplate', () => {
  const cte = (fields: unknown[], extra: Record<string, unknown> = {}) =>
    withDefaults({
      id: 'x',
      version: 1,
      category: 'food',
      label: lang('甲', 'X'),
      ctes: [{ id: 'c', label: lang('乙', 'C'), bizStep: 'receiving', fields, ...extra }],
    });
  const lot = { name: 'lot', type: 'code', required: true, label: lang('批次', 'Lot'), epcis: 'epcList' };

  it('accepts a small template and fills the defaults', () => {
    expect(validateTemplate(cte([lot]))).toEqual([]);
  });

  it('refuses what would make a bad event or a bad form', () => {
    const problems = (t: unknown) => validateTemplate(t).map((i) => i.pointer);
    expect(problems(cte([lot], { bizStep: 'urn:epcglobal:cbv:bizstep:nonsense' }))).toEqual([
      '/ctes/0/bizStep',
    ]);
    expect(problems(cte([lot, { ...lot }]))).toContain('/ctes/0/fields/1/name');
    expect(problems(cte([{ ...lot, epcis: 'parentID' }]))).toContain('/ctes/0/fields/0/epcis');
    expect(
      problems(
        cte([lot, { name: 'w', type: 'number', label: lang('重', 'W'), epcis: { quantityOf: 'lot' } }]),
      ),
    ).toContain('/ctes/0/fields/1/epcis');
    expect(
      problems(cte([lot, { name: 'd', type: 'date', label: lang('日', 'D'), epcis: 'ilmd' }])),
    ).toContain('/ctes/0/fields/1/epcis');
    expect(problems(cte([lot, { name: 'g', type: 'enum', label: lang('级', 'G') }]))).toContain(
      '/ctes/0/fields/1/enum',
    );
    expect(problems(cte([{ ...lot, type: 'colour' }]))).toContain('/ctes/0/fields/0/type');
    expect(problems(cte([{ ...lot, required: false }]))).toContain('/ctes/0/fields');
    expect(problems({ ...(cte([lot]) as object), category: 'toys' })).toEqual(['/category']);
    expect(problems(cte([lot], { hardRules: ['teleport'] }))).toEqual(['/ctes/0/hardRules']);
    expect(problems(cte([lot], { hardRules: ['buyerLicence'] }))).toEqual(['/ctes/0/hardRules']);
    expect(problems(cte([lot], { hardRules: ['cylinderFillable'] }))).toEqual([
      '/ctes/0/hardRules',
      '/ctes/0/hardRules',
    ]);
  });
});
