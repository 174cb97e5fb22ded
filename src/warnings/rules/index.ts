import type { Rule } from '../model.js';
import { coldChain } from './cold-chain.js';
import { credentialExpired } from './credential-expired.js';
import { cylinderInspection, cylinderScrapAge } from './cylinders.js';
import { duplicateCommissioning } from './duplicate-commissioning.js';
import { elevatorInspection } from './elevator-inspection.js';
import { elevatorMaintenance } from './elevator-maintenance.js';
import { expiredSold } from './expired-sold.js';
import { failedInspection } from './failed-inspection.js';
import { inactiveCodeScanned } from './inactive-code-scanned.js';
import { lateReport } from './late-report.js';
import { oversold } from './oversold.js';
import { pesticideInterval } from './pesticide-interval.js';
import { publicScans } from './public-scans.js';
import { unmatchedReceipt } from './unmatched-receipt.js';
import { untrustedParty } from './untrusted-party.js';

/** Every warning rule (DOMAIN.md section 3), in the order they run. */
export const rules: readonly Rule[] = [
  unmatchedReceipt,
  oversold,
  expiredSold,
  lateReport,
  duplicateCommissioning,
  publicScans,
  inactiveCodeScanned,
  coldChain,
  untrustedParty,
  elevatorMaintenance,
  elevatorInspection,
  cylinderInspection,
  cylinderScrapAge,
  pesticideInterval,
  credentialExpired,
  failedInspection,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
