// 10,000 labels in one PDF, the largest batch allowed (target: under 30 s on a 2-core machine).
// Run: npx vitest bench --run src/labels/label-sheet.bench.ts
import { bench, describe } from 'vitest';
import { renderLabelSheet, type SheetLabel } from './label-sheet.js';
import type { SheetLayout } from './layout.js';

function labels(kind: 'qr' | 'gs1datamatrix'): SheetLabel[] {
  return Array.from({ length: 10_000 }, (_, i) => ({
    symbol:
      kind === 'qr'
        ? { kind, data: `https://trace.example.cn/t/HNS2K7${String(i).padStart(6, '0')}` }
        : { kind, data: `(01)06901234567892(10)L2506A(21)${i}` },
    code: kind === 'qr' ? `HNS2K7${String(i).padStart(6, '0')}` : `(01)06901234567892(21)${i}`,
    productName: '五常大米 稻花香2号 5kg',
    lot: 'L2506A',
    productionDate: '2025-06-01',
    expiryDate: '2026-05-31',
  }));
}

const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

for (const [kind, layout] of [
  ['qr', { page: 'A4' }],
  ['gs1datamatrix', { page: 'A4', columns: 4, rows: 10 }],
  ['qr', { page: '50x30' }],
] as [SheetLabel['symbol']['kind'], SheetLayout][]) {
  describe(`10,000 ${kind} labels on ${layout.page}`, () => {
    bench(
      'renderLabelSheet',
      async () => {
        const started = performance.now();
        const pdf = await renderLabelSheet(labels(kind), layout);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
          `10,000 ${kind} labels on ${layout.page}: ${seconds} s, ${(pdf.length / 1e6).toFixed(1)} MB`,
        );
      },
      once,
    );
  });
}
