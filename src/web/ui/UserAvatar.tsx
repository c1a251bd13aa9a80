import { Avatar, type MantineSize } from '@mantine/core';

interface UserAvatarProps {
  name: string;
  photoUrl?: string | null | undefined;
  size?: MantineSize | number;
}

/**
 * A person's photo, or their initials on a colour derived from the name. Decorative: the name
 * is always written next to it, so screen readers do not hear it twice.
 */
export function UserAvatar({ name, photoUrl, size = 'md' }: UserAvatarProps) {
  return (
    <Avatar
      src={photoUrl ?? null}
      alt=""
      aria-hidden="true"
      size={size}
      color="initials"
      name={name}
      radius={1000}
    />
  );
}
