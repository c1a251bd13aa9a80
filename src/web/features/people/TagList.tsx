import { Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';

interface TagListProps {
  tags: string[];
  emptyText?: string;
  color?: string;
  /** Makes each tag a link, e.g. to the directory filtered by that skill. */
  linkTo?: (tag: string) => string;
  linkLabel?: (tag: string) => string;
}

/** Skills or interests as badges. */
export function TagList({ tags, emptyText, color, linkTo, linkLabel }: TagListProps) {
  if (tags.length === 0) {
    return emptyText ? (
      <Text c="dimmed" size="sm">
        {emptyText}
      </Text>
    ) : null;
  }
  return (
    <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {tags.map((tag) =>
        linkTo ? (
          <li key={tag}>
            <Badge
              component={Link}
              to={linkTo(tag)}
              aria-label={linkLabel?.(tag)}
              variant="light"
              color={color}
              size="lg"
              style={{ cursor: 'pointer' }}
            >
              {tag}
            </Badge>
          </li>
        ) : (
          <li key={tag}>
            <Badge variant="light" color={color} size="lg">
              {tag}
            </Badge>
          </li>
        ),
      )}
    </Group>
  );
}
