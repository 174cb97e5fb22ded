import type { Template } from '../templates/model.js';

/**
 * A small template of our own for the import tests and the import benchmark, so they do not move
 * when the built-in templates change: two CTEs, every kind of cell (code, dates, a number with
 * units, an enum, yes/no, text) and a cross-field rule.
 */
export function testTemplate(id = 'import-test'): Template {
  return {
    id,
    version: 1,
    category: 'food',
    label: { zh: '导入测试', en: 'Import test' },
    ctes: [
      {
        id: 'production',
        label: { zh: '生产', en: 'Production' },
        bizStep: 'commissioning',
        action: 'ADD',
        fields: [
          {
            name: 'lotCode',
            type: 'code',
            scheme: 'lot',
            required: true,
            label: { zh: '批号', en: 'Lot code' },
            visibility: 'public',
            epcis: 'epcList',
            example: 'LOT-0001',
          },
          {
            name: 'productionDate',
            type: 'date',
            required: true,
            label: { zh: '生产日期', en: 'Production date' },
            visibility: 'public',
            epcis: 'eventTime',
            example: '2026-06-01',
          },
          {
            name: 'expiryDate',
            type: 'date',
            required: true,
            allowFuture: true,
            label: { zh: '保质期至', en: 'Best before' },
            visibility: 'public',
            epcis: 'ilmd',
            example: '2027-06-01',
          },
          {
            name: 'netWeight',
            type: 'number',
            required: true,
            unit: 'KGM',
            units: ['KGM', 'GRM'],
            min: 0,
            max: 1000,
            label: { zh: '净重', en: 'Net weight' },
            visibility: 'partners',
            example: 12.5,
          },
          {
            name: 'grade',
            type: 'enum',
            required: true,
            enum: [
              { value: 'A', label: { zh: '一级', en: 'Grade A' } },
              { value: 'B', label: { zh: '二级', en: 'Grade B' } },
            ],
            label: { zh: '等级', en: 'Grade' },
            help: { zh: '按国家标准分级', en: 'As graded by the national standard' },
            visibility: 'public',
            example: 'A',
          },
          {
            name: 'organic',
            type: 'boolean',
            required: false,
            label: { zh: '有机', en: 'Organic' },
            visibility: 'public',
          },
          {
            name: 'inspector',
            type: 'text',
            required: false,
            maxLength: 20,
            label: { zh: '检验员', en: 'Inspector' },
            visibility: 'owner',
          },
        ],
        rules: [{ field: 'expiryDate', op: 'after', other: 'productionDate' }],
      },
      {
        id: 'shipping',
        label: { zh: '发货', en: 'Shipping' },
        bizStep: 'shipping',
        fields: [
          {
            name: 'lotCode',
            type: 'code',
            scheme: 'lot',
            required: true,
            label: { zh: '批号', en: 'Lot code' },
            visibility: 'public',
            epcis: 'epcList',
          },
          {
            name: 'shippedAt',
            type: 'datetime',
            required: true,
            label: { zh: '发货时间', en: 'Shipped at' },
            visibility: 'public',
            epcis: 'eventTime',
          },
          {
            name: 'quantity',
            type: 'number',
            required: true,
            integer: true,
            min: 1,
            label: { zh: '件数', en: 'Cases' },
            visibility: 'partners',
          },
        ],
      },
    ],
  };
}
