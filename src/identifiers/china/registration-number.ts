// 气瓶 and 电梯 registration numbers (使用登记证编号 / 注册代码) follow local formats that differ by province,
// so only what every format shares is checked.
export type RegistrationResult = { valid: boolean; errors: string[]; value?: string };

export function checkRegistrationNumber(input: string, what: 'cylinder' | 'elevator'): RegistrationResult {
  const value = input.trim();
  if (value === '') return { valid: false, errors: [`the ${what} registration number is empty`] };
  if (value.length > 64) {
    return { valid: false, errors: [`the ${what} registration number should have at most 64 characters`] };
  }
  return { valid: true, errors: [], value };
}
