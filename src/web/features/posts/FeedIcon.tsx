const paths = {
  home: 'M4 11 12 4l8 7M6 9.5V20h4v-6h4v6h4V9.5',
  bell: 'M6 16V11a6 6 0 1 1 12 0v5l2 2H4l2-2Zm4 4h4',
  comment: 'M4 5h16v11H9l-5 4V5Z',
  share: 'M12 4v11M7 9l5-5 5 5M5 14v6h14v-6',
  dots: 'M5 12h.01M12 12h.01M19 12h.01',
  pin: 'M9 4h6l-1 6 3 3H7l3-3-1-6Zm3 9v7',
  lock: 'M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3',
  unlock: 'M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 6.8-1.2',
  eyeOff:
    'M3 3l18 18M10.6 6.1A9.7 9.7 0 0 1 12 6c5 0 8.5 4.5 9 6-.3.9-1.3 2.5-3 3.9M6.2 7.7C4.4 9 3.3 10.9 3 12c.5 1.5 4 6 9 6 1.6 0 3-.4 4.2-1.1M10 10a3 3 0 0 0 4 4',
  eye: 'M3 12c.5-1.5 4-6 9-6s8.5 4.5 9 6c-.5 1.5-4 6-9 6s-8.5-4.5-9-6Zm9 3a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  flag: 'M5 21V4h11l-2 4 2 4H5',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15 9h.01',
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v4M16 3v4',
  place: 'M12 21s-6-6.2-6-11a6 6 0 1 1 12 0c0 4.8-6 11-6 11Zm0-8.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  close: 'M6 6l12 12M18 6 6 18',
  plus: 'M12 5v14M5 12h14',
  history: 'M4 12a8 8 0 1 0 2.3-5.7L4 8.5M4 4v4.5h4.5M12 8v4l3 2',
  smile:
    'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM8.5 14.5c.9 1.2 2.1 1.8 3.5 1.8s2.6-.6 3.5-1.8M9 9.5h.01M15 9.5h.01',
  chevronLeft: 'M15 6l-6 6 6 6',
  chevronRight: 'M9 6l6 6-6 6',
  arrowUp: 'M12 19V5M6 11l6-6 6 6',
  megaphone: 'M4 10v4h3l7 4V6l-7 4H4Zm14-1a4 4 0 0 1 0 6',
  poll: 'M5 20V10M12 20V4M19 20v-7',
  briefcase: 'M4 8h16v11H4zM9 8V5h6v3M4 13h16',
  text: 'M5 6h14M5 12h14M5 18h9',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.3l2-1.5-2-3.4-2.3.9a7.5 7.5 0 0 0-2.3-1.3L14.4 3h-4l-.4 2.4a7.5 7.5 0 0 0-2.3 1.3l-2.3-.9-2 3.4 2 1.5a7.4 7.4 0 0 0 0 2.6l-2 1.5 2 3.4 2.3-.9a7.5 7.5 0 0 0 2.3 1.3l.4 2.4h4l.4-2.4a7.5 7.5 0 0 0 2.3-1.3l2.3.9 2-3.4-2-1.5c.1-.4.1-.9.1-1.3Z',
  check: 'M5 12l5 5 9-10',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
} as const;

export type FeedIconName = keyof typeof paths;

interface FeedIconProps {
  name: FeedIconName;
  size?: number;
}

/**
 * The stroke icons of posts, the feed and notifications, drawn like `ui/Icon`; decorative, so
 * hidden from assistive technology (the button or link around it carries the name).
 */
export function FeedIcon({ name, size = 18 }: FeedIconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
