import { ActionIcon } from '@mantine/core';
import { Icon } from './Icon.js';

interface TreeToggleProps {
  expanded: boolean;
  onToggle: () => void;
  /** What is being expanded, e.g. "Engineering": read out as "Show Engineering's children". */
  label: string;
  controls?: string;
}

/** The expand/collapse button of a tree row. */
export function TreeToggle({ expanded, onToggle, label, controls }: TreeToggleProps) {
  return (
    <ActionIcon
      variant="subtle"
      color="gray"
      onClick={onToggle}
      aria-expanded={expanded}
      aria-controls={controls}
      aria-label={label}
      size="md"
    >
      <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={16} />
    </ActionIcon>
  );
}
