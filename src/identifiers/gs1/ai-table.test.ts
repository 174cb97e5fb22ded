import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { aiAtStart, aiDefinition, aiValueError } from './ai.js';
import { renderAiTable } from './build-ai-table.js';

const DICTIONARY = new URL(
  '../../../../shared/epcis/digital-link/gs1-syntax-dictionary.txt',
  import.meta.url,
);

describe('the AI table', () => {
  test('equals what build-ai-table produces from the shared syntax dictionary', () => {
    const checkedIn = readFileSync(new URL('./ai-table.ts', import.meta.url), 'utf8');
    expect(checkedIn).toBe(renderAiTable(readFileSync(DICTIONARY, 'utf8')));
  });

  test('expands AI ranges and knows the Digital Link qualifiers of each key', () => {
    expect(aiDefinition('3103')?.title).toBe('NET WEIGHT (kg)');
    expect(aiDefinition('3106')).toBeUndefined();
    expect(aiDefinition('95')?.title).toBe('INTERNAL');
    expect(aiDefinition('01')?.dlQualifiers).toEqual([['22', '10', '21'], ['235']]);
    expect(aiDefinition('414')?.dlQualifiers).toEqual([['254'], ['7040']]);
    expect(aiDefinition('00')?.dlQualifiers).toEqual([]);
    expect(aiDefinition('10')?.dlQualifiers).toBeUndefined();
  });

  test('finds the AI at the start of data, whatever its width', () => {
    expect(aiAtStart('0109506000134352')).toBe('01');
    expect(aiAtStart('254ABC')).toBe('254');
    expect(aiAtStart('3103000123')).toBe('3103');
    expect(aiAtStart('2399')).toBeUndefined();
  });

  test.each([
    ['01', '09506000134352', undefined],
    ['01', '09506000134353', 'GTIN check digit should be 2'],
    ['01', '0950600013435', 'AI (01) GTIN is too short'],
    ['10', 'ABC123', undefined],
    ['10', '', 'AI (10) BATCH/LOT is empty'],
    ['10', 'A'.repeat(21), 'AI (10) BATCH/LOT is too long'],
    ['10', 'AB C', 'AI (10) BATCH/LOT may only contain GS1 characters (CSET 82)'],
    ['17', '250230', 'AI (17) USE BY or EXPIRY is not a valid date (YYMMDD)'],
    ['17', '250200', undefined],
    ['11', '251301', 'AI (11) PROD DATE is not a valid date (YYMMDD)'],
    ['253', '4012345000054987', undefined],
    ['8003', '1401234500007', 'AI (8003) GRAI should start with 0'],
    ['8013', '1987654Ad4X4bL5ttr2310c2K', undefined],
    ['8013', '1987654Ad4X4bL5ttr2310c2L', 'GMN check characters should be 2K'],
    ['8006', '040123451234560302', 'AI (8006) ITIP has an invalid piece/total'],
    ['8011', '0123', 'AI (8011) CPID SERIAL should not start with 0'],
    ['7007', '230101', undefined],
    ['7007', '230101230132', 'AI (7007) HARVEST DATE is not a valid date (YYMMDD)'],
    ['4321', '2', 'AI (4321) DANGEROUS GOODS should be 0 or 1'],
  ])('checks AI (%s) value %s', (ai, value, error) => {
    expect(aiValueError(ai, value)).toBe(error);
  });
});
