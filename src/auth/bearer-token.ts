/**
 * The token of an `Authorization: Bearer TOKEN` header, or null. The scheme is
 * case-insensitive (RFC 9110): `bearer TOKEN` is as good as `Bearer TOKEN`. The guard
 * and logout read it the same way, so a header the guard accepts is one logout revokes.
 */
export function bearerToken(header: string | undefined): string | null {
  return /^bearer +(\S+) *$/i.exec(header ?? '')?.[1] ?? null;
}
