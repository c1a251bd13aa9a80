const paths = {
  chat: 'M4 5h16v11H9l-5 4V5Z',
  send: 'M4 12 20 4l-6 16-3-7-7-1Z',
  attach: 'M20 11.5 12.5 19a5 5 0 0 1-7-7L13 4.5a3.5 3.5 0 0 1 5 5L10.5 17a2 2 0 0 1-3-3L14 7.5',
  smile: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM8.5 14a4 4 0 0 0 7 0M9 9.5h.01M15 9.5h.01',
  sticker: 'M4 4h16v9l-7 7H4V4Zm9 16v-5a2 2 0 0 1 2-2h5',
  reply: 'M10 8 5 12l5 4M5 12h9a5 5 0 0 1 5 5v1',
  thread: 'M5 5h14v9h-7l-4 3v-3H5V5ZM9 9h6',
  dots: 'M5 12h.01M12 12h.01M19 12h.01',
  back: 'M15 6l-6 6 6 6',
  members:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm-6 9c0-3.3 2.7-6 6-6s6 2.7 6 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14c1.8.8 3 2.8 3 5',
  pin: 'M9 4h6l-1 6 3 3H7l3-3-1-6ZM12 13v7',
  plus: 'M12 5v14M5 12h14',
  close: 'M6 6l12 12M18 6 6 18',
  check: 'M5 12l5 5 9-10',
  checks: 'M2 12l5 5 9-10M10 15l2 2 9-10',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM12 7v5l3 2',
  forward: 'M14 8l5 4-5 4M19 12h-9a5 5 0 0 0-5 5v1',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM19 12l2-1-1-3-2 .2-1.3-1.3L17 5l-3-1-1 2h-2L10 4 7 5l.3 2L6 8.3 4 8l-1 3 2 1v0l-2 1 1 3 2-.2L7.3 17 7 19l3 1 1-2h2l1 2 3-1-.3-2 1.3-1.3 2 .3 1-3-2-1Z',
  folder: 'M4 6a1 1 0 0 1 1-1h4l2 2h8a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6Z',
  archive: 'M4 5h16v4H4zM5 9v10h14V9M10 13h4',
} as const;

export type ChatsIconName = keyof typeof paths;

/** The stroke icons of chats, drawn like `ui/Icon`; decorative (the control around names it). */
export function ChatsIcon({ name, size = 18 }: { name: ChatsIconName; size?: number }) {
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
