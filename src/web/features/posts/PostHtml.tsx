import { Typography } from '@mantine/core';
import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import classes from './Posts.module.css';

/** An in-app path (`/topics/onboarding`), not another site or a protocol-relative URL. */
function ownPath(href: string | null): href is string {
  if (href === null) return false;
  return href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\');
}

/**
 * The server's sanitised rendering of Markdown (a post's, a comment's or a banner's `html`, or
 * the preview endpoint's answer). This is the one place the web app inserts HTML, and it only
 * ever receives `html` fields from the server: every other field is shown as text. Links to our
 * own pages (hashtags' topic pages) open inside the app instead of reloading it.
 */
export function PostHtml({ html }: { html: string }) {
  const navigate = useNavigate();

  function followOwnLinks(event: MouseEvent<HTMLDivElement>) {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const link = (event.target as Element).closest('a');
    const href = link?.getAttribute('href') ?? null;
    if (!link || link.target || !ownPath(href)) return;
    event.preventDefault();
    navigate(href);
  }

  return (
    <Typography
      className={classes.html}
      onClick={followOwnLinks}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered Markdown, sanitised with an allow-list (platform/markdown/render.ts).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
