import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Report } from '../../../shared/api/moderation.js';
import { useFormatters } from '../../lib/useFormatters.js';
import type { ResolveAction } from './ResolveDialog.js';

const statusColors = { open: 'orange', allowed: 'teal', hidden: 'gray', deleted: 'red' } as const;

interface ReportCardProps {
  report: Report;
  onResolve: (action: ResolveAction) => void;
}

/**
 * One report in the queue: the reported content's opening words as they were reported (plain
 * text, never markup, kept after the content is deleted), where it is, who wrote it, who
 * reported it and why, and the decision buttons.
 */
export function ReportCard({ report, onResolve }: ReportCardProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { subject } = report;
  const subjectName =
    subject.type === 'comment' ? t('moderation.subject.comment') : t('moderation.subject.post');
  return (
    <Paper component="li" withBorder p="md" data-testid="report">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs" wrap="wrap">
            <Badge variant="light" color="brand">
              {subjectName}
            </Badge>
            <Badge variant="light" color={statusColors[report.status]}>
              {t(`moderation.status.${report.status}`)}
            </Badge>
            {subject.hidden && report.status === 'open' ? (
              <Badge variant="light" color="gray">
                {t('moderation.hiddenNow')}
              </Badge>
            ) : null}
            {subject.deleted ? (
              <Badge variant="light" color="red">
                {t('moderation.contentDeleted')}
              </Badge>
            ) : null}
            <SpaceLabel report={report} />
          </Group>
          {report.subjectReports ? (
            <Text size="sm" c="dimmed">
              {t('moderation.reportCount', {
                count: report.subjectReports.total,
                open: report.subjectReports.open,
              })}
            </Text>
          ) : null}
        </Group>

        <Paper
          bg="var(--mantine-color-gray-light)"
          p="sm"
          radius="sm"
          component="blockquote"
          m={0}
          aria-label={t('moderation.excerpt')}
        >
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {subject.excerpt || t('moderation.noText')}
          </Text>
        </Paper>

        <Text size="sm">
          {t('moderation.author')}{' '}
          {subject.author ? (
            <Anchor component={Link} to={`/people/${subject.author.id}`} size="sm">
              {subject.author.name}
            </Anchor>
          ) : (
            t('moderation.unknownAuthor')
          )}
          {subject.postId && report.status !== 'deleted' ? (
            <>
              {' · '}
              <Anchor component={Link} to={`/posts/${subject.postId}`} size="sm">
                {t('moderation.openPost')}
              </Anchor>
            </>
          ) : null}
        </Text>

        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('moderation.reportedBy')}{' '}
            <Anchor component={Link} to={`/people/${report.reporter.id}`} size="sm">
              {report.reporter.name}
            </Anchor>
            {' · '}
            {format.dateTime(report.createdAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            <Text span fw={600} size="sm">
              {t('moderation.reason')}:
            </Text>{' '}
            {report.reason}
          </Text>
        </Stack>

        {report.resolution ? (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {t('moderation.resolvedAt', { date: format.dateTime(report.resolution.resolvedAt) })}
            {report.resolution.note ? ` ${t('moderation.noteWas', { note: report.resolution.note })}` : ''}
          </Text>
        ) : null}

        {report.status === 'open' && report.abilities.resolve ? (
          <Group gap="xs" wrap="wrap">
            <Button size="compact-md" variant="default" onClick={() => onResolve('allow')}>
              {t('moderation.actions.allow')}
            </Button>
            <Button size="compact-md" variant="light" onClick={() => onResolve('hide')}>
              {t('moderation.actions.hide')}
            </Button>
            <Button size="compact-md" variant="light" color="red" onClick={() => onResolve('delete')}>
              {t('moderation.actions.delete')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/**
 * Where the reported content lives: the company feed, a group, or someone's profile. Of
 * deleted content only its group is known.
 */
function SpaceLabel({ report }: { report: Report }) {
  const { t } = useTranslation();
  const { space } = report.subject;
  if (!space) return null;
  if (space.type === 'group' && space.groupId) {
    return (
      <Anchor component={Link} to={`/groups/${space.groupId}`} size="sm">
        {space.groupName ?? t('moderation.space.group')}
      </Anchor>
    );
  }
  if (space.type === 'profile' && space.profileId) {
    return (
      <Anchor component={Link} to={`/people/${space.profileId}`} size="sm">
        {t('moderation.space.profile')}
      </Anchor>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      {t('moderation.space.company')}
    </Text>
  );
}
