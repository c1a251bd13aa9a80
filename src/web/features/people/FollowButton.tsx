import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../../../shared/api/users.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useFollow } from './people.api.js';

/** Follow or unfollow a person; shown only when the profile's abilities allow it. */
export function FollowButton({ profile }: { profile: UserProfile }) {
  const { t } = useTranslation();
  const follow = useFollow(profile.id);
  if (!profile.abilities.follow) return null;
  const following = profile.followedByMe;
  return (
    <>
      <Button
        variant={following ? 'default' : 'filled'}
        onClick={() => follow.mutate(!following)}
        loading={follow.isPending}
      >
        {following ? t('person.unfollow') : t('person.follow')}
      </Button>
      <ErrorAlert error={follow.error} />
    </>
  );
}
