/**
 * Secrets that travel in URLs — a guest invitation's token, a file link's token, `?token=`
 * query parameters — are bearer credentials: whoever reads them in a log could use them first.
 * Request logs keep the route but not the secret.
 */

const secretPathSegments = [/(\/guest-invitations\/by-token\/)[^/?#]+/g, /(\/file-links\/)[^/?#]+/g];
const secretQueryParameter = /([?&]token=)[^&#]*/gi;

/** The URL with every secret it carries replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  let redacted = url;
  for (const pattern of secretPathSegments) redacted = redacted.replace(pattern, '$1[redacted]');
  return redacted.replace(secretQueryParameter, '$1[redacted]');
}
