import { regionNameOf } from '../trace/parties.js';
import type { Warning, WarningHistory } from './db.js';
import { severityLabels } from './model.js';
import { ruleById } from './rules/index.js';

export function warningView(w: Warning) {
  const rule = ruleById(w.rule);
  return {
    id: String(w.id),
    rule: w.rule,
    ruleName: rule?.name ?? { zh: w.rule, en: w.rule },
    severity: w.severity,
    severityLabel: severityLabels[w.severity],
    status: w.status,
    subject: w.subject,
    enterprise: w.enterprise,
    region: w.region,
    regionName: w.region ? regionNameOf(w.region) : null,
    industries: w.industries,
    code: w.code,
    message: w.message,
    evidence: w.evidence,
    source: w.source,
    raisedAt: new Date(w.raised_at).toISOString(),
    updatedAt: new Date(w.updated_at).toISOString(),
    closedAt: w.closed_at ? new Date(w.closed_at).toISOString() : null,
  };
}

export function historyView(h: WarningHistory) {
  return {
    from: h.from_status,
    to: h.to_status,
    reason: h.reason,
    by: h.changed_by,
    at: new Date(h.changed_at).toISOString(),
  };
}
