/**
 * A map colour named by an HDS design token. MapLibre paints on a canvas and cannot read CSS
 * variables, so layers resolve the token at runtime (a theme may override it) and fall back to
 * the HDS default, which is also what the static layer constants and unit tests use.
 */
export interface ThemeColor {
  token: `--${string}`;
  fallback: string;
}

export const cssColor = (c: ThemeColor) => `var(${c.token}, ${c.fallback})`;

export function resolveColor(c: ThemeColor): string {
  if (typeof document === 'undefined') return c.fallback;
  const v = getComputedStyle(document.documentElement).getPropertyValue(c.token).trim();
  return v || c.fallback;
}
