/** The groups section's icon (three people around a table), drawn like `ui/Icon`; decorative. */
export function GroupsIcon({ size = 18 }: { size?: number }) {
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
      <path d="M12 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM5 12a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM19 12a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM3 20h18M6.5 20c0-3 2.5-6 5.5-6s5.5 3 5.5 6M2 17c.5-1.8 1.6-3 3-3M22 17c-.5-1.8-1.6-3-3-3" />
    </svg>
  );
}
