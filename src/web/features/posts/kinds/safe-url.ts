/**
 * Whether a link people typed may become an `href`: http and https only. The server checks
 * this on the way in; the page checks again, so a stored `javascript:` can never be clicked.
 */
export function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
