/** The moderation section's icon (a flag), drawn like `ui/Icon`; decorative. */
export function ModerationIcon({ size = 18 }: { size?: number }) {
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
      <path d="M5 21V4h11l-2 4 2 4H5" />
    </svg>
  );
}
