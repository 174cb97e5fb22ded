import type { Principal } from '../../auth/principal.js';
import { partnerView, regulatorView } from '../../templates/visibility.js';

/**
 * Visibility classes of event data (public / partners / regulators / owner). Row-level security
 * decides WHICH events a caller sees; this decides HOW MUCH of each. Until the industry templates
 * classify each data element, the rule is: the owner (the capturing enterprise or key), regulators
 * and administrators see the whole event; supply-chain partners see the standard EPCIS fields —
 * what, when, where, why, and the ILMD master data — but not the user extensions at the top level
 * of the event, where enterprises put their own commercial data (prices, internal notes).
 */
export type Visibility = 'owner' | 'regulators' | 'partners';

export function visibilityOf(
  principal: Principal,
  owner: { enterprise: string | null; capturedBy: string },
): Visibility {
  if (principal.scopes.has('admin')) return 'owner'; // platform administrators see events whole
  if (principal.role === 'regulator') return 'regulators';
  if (owner.capturedBy === principal.id) return 'owner';
  if (owner.enterprise !== null && owner.enterprise === principal.enterprise) return 'owner';
  return 'partners';
}

/** The event as a reader of the given class may see it. */
export function visibleEvent(doc: Record<string, unknown>, visibility: Visibility): Record<string, unknown> {
  if (visibility === 'owner') return doc;
  // events checked against an industry template: the visibility class of each of its fields
  if (visibility === 'regulators') return regulatorView(doc) ?? doc;
  const byField = partnerView(doc);
  if (byField) return byField;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key.startsWith('@') || !key.includes(':')) out[key] = value;
  }
  return out;
}
