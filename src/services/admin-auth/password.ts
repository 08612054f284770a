import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm.Argon2id; the enum is an ambient const enum, which verbatimModuleSyntax cannot read.
const ARGON2ID = 2 as Algorithm.Argon2id;

/**
 * Argon2id parameters: OWASP's second recommended set (19 MiB, 2 passes, 1 lane) keeps a sign-in near
 * 50 ms on a small shared machine while staying memory-hard. The PHC string stores them, so raising
 * them later still verifies old hashes.
 */
const PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Shortest password a person may set; long passphrases beat composition rules. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest accepted, so a megabyte "password" cannot be used to burn CPU. */
export const MAX_PASSWORD_LENGTH = 256;

export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `the password must have at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

/** False for a wrong password and for a malformed hash (never throws on bad input). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
