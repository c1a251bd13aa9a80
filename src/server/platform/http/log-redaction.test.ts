import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction.js';

describe('redactUrl', () => {
  it('hides invitation and file-link tokens in paths, and token query parameters', () => {
    expect(redactUrl('/api/v1/guest-invitations/by-token/abc_DEF-123')).toBe(
      '/api/v1/guest-invitations/by-token/[redacted]',
    );
    expect(redactUrl('/api/v1/file-links/s3cr3t/content?download=true')).toBe(
      '/api/v1/file-links/[redacted]/content?download=true',
    );
    expect(redactUrl('/verify-email?lang=ru&token=zzz&x=1')).toBe(
      '/verify-email?lang=ru&token=[redacted]&x=1',
    );
  });

  it('leaves other URLs as they are', () => {
    expect(redactUrl('/api/v1/files/0193-abc/content?version=2')).toBe(
      '/api/v1/files/0193-abc/content?version=2',
    );
    expect(redactUrl('/api/v1/guest-invitations/0193-abc')).toBe('/api/v1/guest-invitations/0193-abc');
  });
});
