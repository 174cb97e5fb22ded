import { randomInt } from 'node:crypto';
import type { TestContext } from '../../test/app.js';
import { creditCodeCheck, organisationCodeCheck } from '../identifiers/china/credit-code.js';
import { idNumberCheck } from './merchants/id-number.js';

// Factories for the parties tests: valid, random identifiers so tests sharing a database never
// collide, and small bodies with sensible defaults.

const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A 统一社会信用代码 with both check characters right, registered in Haikou (460100). */
export function creditCode(region = '460100'): string {
  const org = Array.from({ length: 8 }, () => charset.charAt(randomInt(charset.length))).join('');
  const first17 = `91${region}${org}${organisationCodeCheck(org)}`;
  return first17 + creditCodeCheck(first17);
}

/** A 居民身份证号 with a right check character, born 1980-01-01 in 460100. */
export function idNumber(): string {
  const first17 = `46010019800101${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + idNumberCheck(first17);
}

export function enterpriseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    creditCode: creditCode(),
    name: '海口南北水果批发市场有限公司',
    legalRepresentative: '王海',
    contact: { name: '李明', phone: '0898-66123456' },
    region: '460105',
    address: '海南省海口市秀英区长滨路 1 号',
    coordinates: { lat: 20.02, lng: 110.28 },
    industries: ['edible-farm'],
    nodeTypes: ['wholesale-market'],
    ...overrides,
  };
}

export interface TestEnterprise {
  code: string;
  /** capture + query key of the enterprise */
  auth: { authorization: string };
}

/** Files an enterprise through the API with a key of its own, as an enterprise would. */
export async function fileEnterprise(
  ctx: TestContext,
  overrides: Record<string, unknown> = {},
): Promise<TestEnterprise> {
  const body = enterpriseBody(overrides);
  const code = String(body.creditCode);
  const auth = await ctx.key(['capture', 'query'], code);
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/enterprises',
    headers: auth,
    payload: body,
  });
  if (response.statusCode !== 201) throw new Error(`filing failed: ${response.body}`);
  return { code, auth };
}

export function pointers(response: { json(): unknown }): string[] {
  const body = response.json() as { errors?: { pointer: string }[] };
  return (body.errors ?? []).map((e) => e.pointer);
}
