import type { CapturedMail } from './harness.js';

function decodeQuotedPrintable(text: string, underscoreIsSpace: boolean): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i]!;
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === '_' && underscoreIsSpace) {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** A header's value as a person reads it: unfolded, RFC 2047 encoded words decoded. */
function decodeHeader(value: string): string {
  // Adjacent encoded words are joined at the byte level: a character may be split between them.
  const words = [...value.matchAll(/=\?([^?]+)\?([bq])\?([^?]*)\?=/gi)];
  if (words.length === 0) return value;
  const bytes = words.map(([, , encoding, text]) =>
    encoding!.toLowerCase() === 'b' ? Buffer.from(text!, 'base64') : decodeQuotedPrintable(text!, true),
  );
  return Buffer.concat(bytes).toString('utf8');
}

/** A captured single-part message as a person reads it: its subject and its decoded text. */
export function readMail(mail: CapturedMail): { subject: string; text: string } {
  const split = mail.raw.search(/\r?\n\r?\n/);
  const head = mail.raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = mail.raw.slice(split).trim();
  const header = (name: string) => head.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body, false).toString('utf8')
        : body;
  return { subject: decodeHeader(header('Subject')), text };
}

/**
 * The path and query of the first link in the message to `page` (`/verify-email`), to open
 * on the test's own server: the harness runs without PUBLIC_URL, so links name localhost.
 */
export function linkPathFrom(mail: CapturedMail, page: string): string {
  const { text } = readMail(mail);
  const match = text.match(/https?:\/\/[^\s"<>]+/g)?.find((href) => new URL(href).pathname === page);
  if (!match) throw new Error(`No ${page} link in the message to ${mail.to.join(', ')}:\n${text}`);
  const url = new URL(match);
  return `${url.pathname}${url.search}`;
}
