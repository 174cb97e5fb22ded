// 药品追溯码 (NMPA): 20 digits whose first 7 are the 药品标识码 naming the drug and package; the rest identify
// the unit produced. 兽药追溯码 (农业农村部): 24 digits = production date YYYYMMDD + 5-digit enterprise code
// + 11 random digits.
export type CodeResult<P> = { valid: boolean; errors: string[]; warnings: string[]; parts?: P };

export type DrugCodeParts = { drugIdentifier: string; production: string };

export function checkDrugTraceCode(input: string): CodeResult<DrugCodeParts> {
  const code = input.trim();
  if (!/^\d{20}$/.test(code)) {
    return { valid: false, errors: ['a drug trace code has 20 digits'], warnings: [] };
  }
  return {
    valid: true,
    errors: [],
    warnings: [],
    parts: { drugIdentifier: code.slice(0, 7), production: code.slice(7) },
  };
}

export type VetDrugCodeParts = { productionDate: string; enterprise: string; random: string };

function isCalendarDate(yyyymmdd: string): boolean {
  const [year, month, day] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(
    Number,
  ) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `today` (YYYYMMDD) is only for tests: a production date after it draws a warning. */
export function checkVetDrugCode(input: string, today?: string): CodeResult<VetDrugCodeParts> {
  const code = input.trim();
  if (!/^\d{24}$/.test(code))
    return { valid: false, errors: ['a veterinary drug code has 24 digits'], warnings: [] };
  const parts = { productionDate: code.slice(0, 8), enterprise: code.slice(8, 13), random: code.slice(13) };
  if (!isCalendarDate(parts.productionDate)) {
    return {
      valid: false,
      errors: [`${parts.productionDate} is not a valid date (YYYYMMDD)`],
      warnings: [],
      parts,
    };
  }
  const now = today ?? new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const warnings = parts.productionDate > now ? ['the production date is in the future'] : [];
  return { valid: true, errors: [], warnings, parts };
}
