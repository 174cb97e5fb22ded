import { useTranslation } from 'react-i18next';
import type { Summary } from '../api/types.ts';

/** Banners that matter most first: recalled (red), void, expired, stop-trading, never issued, never activated. */
export const bannerOrder = ['recalled', 'void', 'expired', 'stop_trading', 'never_issued', 'never_activated'];
const danger = new Set(['recalled', 'void', 'stop_trading']);

/** Warnings about the scan counter (a code that looks copied) go with the counter, not here. */
export const isCopyWarning = (w: string) => /cop(y|ied)|scan|clone|counterfeit/i.test(w);

export function bannersOf(summary: Summary): string[] {
  const found = new Set<string>(summary.warnings.filter((w) => !isCopyWarning(w)));
  if (summary.recalled || summary.recall) found.add('recalled');
  if (summary.expired) found.add('expired');
  if (summary.state === 'void') found.add('void');
  if (summary.scheme === 'suyuan' && !summary.issuedHere) found.add('never_issued');
  if (summary.issuedHere && !summary.activated) found.add('never_activated');
  const rank = (w: string) => {
    const i = bannerOrder.indexOf(w);
    return i === -1 ? bannerOrder.length : i;
  };
  return [...found].sort((a, b) => rank(a) - rank(b));
}

export function Banners({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  return (
    <div role="alert" aria-live="polite">
      {bannersOf(summary).map((w) => (
        <div key={w} className={`sy-banner ${danger.has(w) ? 'danger' : ''}`} data-banner={w}>
          {t(`banners.${w}`, { defaultValue: w })}
          {w === 'recalled' && summary.recall && (
            <small>
              {summary.recall.title} · {t('trace.recallDetail', { reason: summary.recall.reason })}
            </small>
          )}
        </div>
      ))}
    </div>
  );
}
