import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import { createUser, type NewUser } from '../users/service.js';
import type { EnterpriseKey } from './enterprises.js';
import type { SeedWorld } from './master.js';

/**
 * DEMO ONLY. The password of every demo account, published in the README. These accounts exist
 * only where the demo seed ran (`suyuan seed --demo`, or the first start of an empty embedded
 * database); a production database never gets them unless someone seeds it on purpose.
 */
export const demoPassword = 'suyuan-demo-2026';

export interface DemoAccount {
  username: string;
  role: NewUser['role'];
  description: string;
  enterprise?: EnterpriseKey;
  department?: string;
  regionScope?: string;
}

export const demoAccounts: DemoAccount[] = [
  { username: 'demo.admin', role: 'platform_admin', description: '平台管理员 platform administrator' },
  {
    username: 'demo.haikou.commerce',
    role: 'regulator',
    department: 'commerce',
    regionScope: '4601',
    description: '海口市商务局 city regulator (commerce)',
  },
  {
    username: 'demo.haikou.market',
    role: 'regulator',
    department: 'market',
    regionScope: '4601',
    description: '海口市市场监管局 city regulator (market supervision)',
  },
  {
    username: 'demo.farm',
    role: 'enterprise_admin',
    enterprise: 'mangoFarm',
    description: '三亚崖州热带水果种植专业合作社 (farm)',
  },
  {
    username: 'demo.market',
    role: 'enterprise_admin',
    enterprise: 'market',
    description: '海口南北水果蔬菜批发市场 (wholesale market)',
  },
  {
    username: 'demo.supermarket',
    role: 'enterprise_admin',
    enterprise: 'supermarket',
    description: '海口旺佳旺超市 (supermarket)',
  },
];

/** Creates the demo accounts that do not exist yet; returns how many were created. */
export async function writeDemoUsers(db: Kysely<DB>, world: SeedWorld): Promise<number> {
  const { rows } = await sql<{ username: string }>`SELECT username FROM users
    WHERE username = ANY(${demoAccounts.map((a) => a.username)}::text[])`.execute(db);
  const existing = new Set(rows.map((r) => r.username));
  let created = 0;
  for (const account of demoAccounts) {
    if (existing.has(account.username)) continue;
    await createUser(db, {
      username: account.username,
      displayName: account.description.split(' ')[0] as string,
      password: demoPassword,
      role: account.role,
      ...(account.enterprise ? { enterprise: world.enterprises[account.enterprise].creditCode } : {}),
      ...(account.department ? { department: account.department } : {}),
      ...(account.regionScope ? { regionScope: account.regionScope } : {}),
    });
    created++;
  }
  return created;
}
