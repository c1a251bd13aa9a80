import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GroupVisibility } from '../../../shared/api/groups.js';

const colors: Record<GroupVisibility, string> = { open: 'teal', closed: 'orange', secret: 'grape' };

/**
 * "Open", "Closed" or "Secret", with what that means on hover, focus or touch; screen readers
 * hear the explanation with the label.
 */
export function VisibilityBadge({ visibility }: { visibility: GroupVisibility }) {
  const { t } = useTranslation();
  const explanation = t(`groups.visibility.${visibility}Hint`);
  return (
    <Tooltip
      label={explanation}
      multiline
      w={260}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <Badge
        variant="light"
        color={colors[visibility]}
        tabIndex={0}
        style={{ cursor: 'help', flexShrink: 0 }}
        data-testid="group-visibility"
      >
        {t(`groups.visibility.${visibility}`)}
        <VisuallyHidden>. {explanation}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}
