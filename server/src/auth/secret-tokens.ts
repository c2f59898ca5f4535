import { createHash, randomBytes } from 'node:crypto';

/** A fresh unguessable token for a cookie or a link (256 bits, URL-safe). */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of a token: its SHA-256. The tokens are random, so a fast hash is enough,
 * and a database leak yields no usable session, reset or invitation link.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
