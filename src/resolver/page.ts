import type { Summary } from './service.js';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const banners: Record<string, string> = {
  recalled: '已召回，请勿食用/使用',
  void: '此码已作废',
  expired: '产品已过期',
  never_activated: '此码已发放但尚未启用，请谨慎购买',
};

const steps: Record<string, string> = {
  commissioning: '赋码/生产',
  shipping: '发货',
  receiving: '收货',
  retail_selling: '零售',
  inspecting: '检验',
  packing: '包装',
  storing: '储存',
  transporting: '运输',
};

/**
 * The plain server-rendered consumer page (zh-CN), until the public portal's web app serves /t/.
 * Banners that matter most come first.
 */
export function renderPage(summary: Summary): string {
  const rows: [string, string | null][] = [
    ['追溯码', summary.code],
    ['产品', summary.productName ?? summary.product],
    ['批次', summary.lot],
    ['生产日期', summary.productionDate],
    ['保质期至', summary.expiryDate],
    ['生产企业（统一社会信用代码）', summary.producer],
    [
      '最近环节',
      summary.events.lastBizStep ? (steps[summary.events.lastBizStep] ?? summary.events.lastBizStep) : null,
    ],
    ['追溯记录', `${summary.events.count} 条`],
  ];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>溯源查询 ${escapeHtml(summary.code)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:640px;padding:16px}
.banner{padding:12px;margin:8px 0;border-radius:6px;font-weight:bold;background:#fff3cd}
.banner.recalled,.banner.void{background:#c0392b;color:#fff}dt{color:#666;margin-top:8px}dd{margin:0}</style></head>
<body><h1>溯源查询</h1>
${summary.warnings.map((w) => `<div class="banner ${w}">${escapeHtml(banners[w] ?? w)}${w === 'recalled' && summary.recall ? escapeHtml(`：${summary.recall.title}（${summary.recall.reason}）`) : ''}</div>`).join('\n')}
<p class="scans">已被查询 ${summary.scans.count} 次，首次查询于 ${escapeHtml(summary.scans.since.slice(0, 19).replace('T', ' '))}（UTC）</p>
<dl>${rows
    .filter(([, v]) => v)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v as string)}</dd>`)
    .join('')}</dl>
</body></html>`;
}

export function renderNotFound(code: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>未找到</title></head>
<body><h1>未查询到此码</h1><p>${escapeHtml(code)} 未在本平台发放，也没有任何追溯记录。请核对后重试，谨防假冒。</p></body></html>`;
}
