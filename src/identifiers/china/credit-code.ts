// 统一社会信用代码 (GB 32100-2015): 1 registration authority, 1 kind, 6 region (GB/T 2260), 9 organisation code
// (GB 11714, with its own check character), 1 check character. Some early codes from pilot regions are
// genuine but fail the check (e.g. 91350100M0001TGQXM), so callers warn rather than reject on `expected`.
import { lookupRegion, type RegionResult } from './region-code.js';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

// Registration authorities and the kinds of organisation each registers (GB 32100-2015 annex and updates).
const AUTHORITIES: Record<string, { name: string; kinds: Record<string, string> }> = {
  '1': {
    name: '机构编制',
    kinds: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', kinds: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    kinds: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', kinds: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', kinds: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    kinds: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地代表机构', '9': '其他' },
  },
  '7': { name: '宗教', kinds: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', kinds: { '1': '基层工会', '9': '其他' } },
  '9': { name: '市场监管（工商）', kinds: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', kinds: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    kinds: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', kinds: { '1': '其他' } },
};

export type CreditCodeParts = {
  authority: string;
  authorityName?: string;
  kind: string;
  kindName?: string;
  region: string;
  regionName?: string[];
  organisationCode: string;
  check: string;
};

export type CreditCodeResult = {
  valid: boolean;
  errors: string[];
  warnings: string[];
  /** The check character the code should end with, when it ends with another. */
  expected?: string;
  parts?: CreditCodeParts;
};

export function creditCodeCheck(first17: string): string {
  const sum = [...first17].reduce(
    (total, char, index) => total + CHARSET.indexOf(char) * (WEIGHTS[index] ?? 0),
    0,
  );
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714 check character of the first eight characters of an organisation code. */
export function organisationCodeCheck(first8: string): string {
  const sum = [...first8].reduce(
    (total, char, index) => total + parseInt(char, 36) * (ORG_WEIGHTS[index] ?? 0),
    0,
  );
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function describe(code: string, warnings: string[], region: RegionResult): CreditCodeParts {
  const [authority = '', kind = ''] = code;
  const registrar = AUTHORITIES[authority];
  const parts: CreditCodeParts = {
    authority,
    kind,
    region: code.slice(2, 8),
    organisationCode: code.slice(8, 17),
    check: code.charAt(17),
  };
  if (registrar) {
    parts.authorityName = registrar.name;
    parts.kindName = registrar.kinds[kind];
    if (!parts.kindName) warnings.push(`kind ${kind} is not listed for registration authority ${authority}`);
  } else warnings.push(`registration authority ${authority} is not listed in GB 32100`);
  if (region.region) parts.regionName = region.region.chain;
  else warnings.push(`region ${parts.region}: ${region.errors.join('; ')}`);
  return parts;
}

/** Checks a 统一社会信用代码; a wrong check character gives valid: false with `expected`. */
export function checkCreditCode(input: string): CreditCodeResult {
  const warnings: string[] = [];
  let code = input.trim();
  if (code !== code.toUpperCase()) {
    warnings.push('the code was written in lower case');
    code = code.toUpperCase();
  }
  if (code.length !== 18)
    return { valid: false, errors: [`the code has ${code.length} characters, not 18`], warnings };
  const bad = [...new Set([...code].filter((char) => !CHARSET.includes(char)))];
  if (bad.length > 0) {
    return {
      valid: false,
      errors: [`the code may not contain ${bad.join(' ')} (I O Z S V are never used)`],
      warnings,
    };
  }
  const parts = describe(code, warnings, lookupRegion(code.slice(2, 8)));
  const organisationCheck = organisationCodeCheck(code.slice(8, 16));
  if (code.charAt(16) !== organisationCheck) {
    warnings.push(`the organisation code's check character should be ${organisationCheck}`);
  }
  const expected = creditCodeCheck(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return { valid: false, errors: [`the check character should be ${expected}`], warnings, expected, parts };
  }
  return { valid: true, errors: [], warnings, parts };
}
