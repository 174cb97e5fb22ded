import { describe, expect, test } from 'vitest';
import { checkCreditCode, creditCodeCheck, organisationCodeCheck } from './credit-code.js';
import { checkDrugTraceCode, checkVetDrugCode } from './drug-code.js';
import { checkRegistrationNumber } from './registration-number.js';

describe('checkCreditCode (GB 32100)', () => {
  test.each(['91440300708461136T', '9144030071526726XG', '91110000600037341L'])('accepts %s', (code) => {
    expect(checkCreditCode(code)).toMatchObject({ valid: true, errors: [] });
  });

  test('names authority, kind, region and organisation code', () => {
    expect(checkCreditCode('91440300708461136T').parts).toEqual({
      authority: '9',
      authorityName: '市场监管（工商）',
      kind: '1',
      kindName: '企业',
      region: '440300',
      regionName: ['广东省', '深圳市'],
      organisationCode: '708461136',
      check: 'T',
    });
  });

  test('gives the expected check character of an early code that fails the check', () => {
    expect(checkCreditCode('91350100M0001TGQXM')).toMatchObject({
      valid: false,
      expected: '1',
      errors: ['the check character should be 1'],
    });
  });

  test('warns about a bad organisation-code check character and lower case', () => {
    const result = checkCreditCode('91440300708461137x');
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      'the code was written in lower case',
      "the organisation code's check character should be 6",
    ]);
  });

  test.each([
    ['9144030070846113', 'the code has 16 characters, not 18'],
    ['9144030070846113OT', 'the code may not contain O (I O Z S V are never used)'],
  ])('rejects %s', (code, error) => {
    expect(checkCreditCode(code)).toMatchObject({ valid: false, errors: [error] });
  });

  test('computes check characters by GB 32100 and GB 11714', () => {
    expect(creditCodeCheck('91440300708461136')).toBe('T');
    expect(organisationCodeCheck('70846113')).toBe('6');
    expect(organisationCodeCheck('71526726')).toBe('X');
  });

  test('detects every single-character substitution', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const code = '91440300708461136T';
    for (let at = 0; at < 17; at++) {
      for (const char of chars) {
        if (char === code[at]) continue;
        const changed = code.slice(0, at) + char + code.slice(at + 1);
        expect(checkCreditCode(changed).valid).toBe(false);
      }
    }
  });
});

describe('drug codes', () => {
  test('splits a 20-digit drug trace code at the 7-digit drug identifier', () => {
    expect(checkDrugTraceCode('81234560000123456789')).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      parts: { drugIdentifier: '8123456', production: '0000123456789' },
    });
    expect(checkDrugTraceCode('8123456000012345678').valid).toBe(false);
  });

  test('checks the production date of a 24-digit veterinary drug code', () => {
    expect(checkVetDrugCode('202402291234512345678901', '20250101')).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      parts: { productionDate: '20240229', enterprise: '12345', random: '12345678901' },
    });
    expect(checkVetDrugCode('202302291234512345678901').errors).toEqual([
      '20230229 is not a valid date (YYYYMMDD)',
    ]);
    expect(checkVetDrugCode('203001011234512345678901', '20250101').warnings).toEqual([
      'the production date is in the future',
    ]);
    expect(checkVetDrugCode('2024022912345').errors).toEqual(['a veterinary drug code has 24 digits']);
  });
});

describe('registration numbers', () => {
  test('trims, and refuses empty or over-long numbers', () => {
    expect(checkRegistrationNumber('  梯11琼A00123(21) ', 'elevator')).toEqual({
      valid: true,
      errors: [],
      value: '梯11琼A00123(21)',
    });
    expect(checkRegistrationNumber('  ', 'cylinder').valid).toBe(false);
    expect(checkRegistrationNumber('X'.repeat(65), 'cylinder').valid).toBe(false);
  });
});
