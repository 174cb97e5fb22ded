import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP 2023 baseline (19 MiB, 2 iterations, 1 lane): ~20 ms here.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const minPasswordLength = 12;

export function passwordProblem(password: string): string | undefined {
  if (password.length < minPasswordLength) return `must have at least ${minPasswordLength} characters`;
  if (password.length > 256) return 'must have at most 256 characters';
  if (new Set(password).size < 5) return 'is too simple';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of nothing, verified against when the user does not exist, so timing does not reveal usernames. */
export const decoyHash = await hashPassword('decoy password that matches nobody');
