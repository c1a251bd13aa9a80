import { Group, type MentionSerializer, Mentions, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../shared/api/pagination.js';
import type { MentionSuggestions } from '../../../../shared/api/posts.js';
import type { TopicSummary } from '../../../../shared/api/topics.js';
import { api } from '../../../lib/api.js';
import type { FieldErrorValue } from '../../../lib/useFormValues.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { PageLoader } from '../../../ui/PageLoader.js';
import { UserAvatar } from '../../../ui/UserAvatar.js';
import { PresenceDot } from '../../presence/PresenceDot.js';
import { PostHtml } from '../PostHtml.js';
import { useMarkdownPreview } from '../posts.api.js';

interface MarkdownEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: FieldErrorValue;
  placeholder?: string;
  description?: string;
  minRows?: number;
  maxLength?: number;
  /** Hides the label visually (it stays the field's accessible name). */
  hideLabel?: boolean;
  autoFocus?: boolean;
  /** Ctrl/⌘+Enter: send without reaching for the button. */
  onSubmitShortcut?: () => void;
}

type Kind = 'person' | 'group' | 'department' | 'topic';

interface Suggestion {
  /** `kind:handle`, unique across kinds; the serializer writes only the handle. */
  id: string;
  display: string;
  kind: Kind;
  handle: string;
  hint?: string | null;
  photoUrl?: string | null;
  /** A person's user id, for their presence dot. */
  userId?: string;
}

/**
 * Mentions and hashtags stay plain Markdown text (`@anna`, `#onboarding`): the serializer
 * inserts the handle and never recognises anything afterwards, so the value is exactly what
 * the person sees and what the server parses.
 */
function plainText(trigger: '@' | '#', id: string | number): string {
  return `${trigger}${String(id).slice(String(id).indexOf(':') + 1)}`;
}

function plainSerializer(trigger: '@' | '#'): MentionSerializer {
  return { id: `plain-${trigger}`, insert: ({ id }) => plainText(trigger, id), findAll: () => [] };
}

const mentionSerializer = plainSerializer('@');
const hashtagSerializer = plainSerializer('#');
// The text inserted must be the text the caret is moved past.
const mentionText = (id: string) => plainText('@', id);
const hashtagText = (id: string) => plainText('#', id);

async function suggestMentions(query: string, { signal }: { signal: AbortSignal }): Promise<Suggestion[]> {
  const found = await api.get<MentionSuggestions>('/mentions', { query: { q: query }, signal });
  return [
    ...found.people.map((p) => ({
      id: `person:${p.handle}`,
      display: p.name,
      kind: 'person' as const,
      handle: p.handle,
      hint: p.position,
      photoUrl: p.photoUrl,
      userId: p.id,
    })),
    ...found.groups.map((g) => ({
      id: `group:${g.handle}`,
      display: g.name,
      kind: 'group' as const,
      handle: g.handle,
    })),
    ...found.departments.map((d) => ({
      id: `department:${d.handle}`,
      display: d.name,
      kind: 'department' as const,
      handle: d.handle,
    })),
  ];
}

async function suggestTopics(query: string, { signal }: { signal: AbortSignal }): Promise<Suggestion[]> {
  const found = await api.get<Page<TopicSummary>>('/topics', {
    query: { q: query, limit: 8 },
    signal,
  });
  return found.items.map((topic) => ({
    id: `topic:${topic.tag}`,
    display: topic.name,
    kind: 'topic' as const,
    handle: topic.tag,
  }));
}

function SuggestionRow({ item }: { item: Suggestion }) {
  const { t } = useTranslation();
  const prefix = item.kind === 'topic' ? '#' : '@';
  return (
    <Group gap="xs" wrap="nowrap" miw={0}>
      {item.kind === 'person' ? <UserAvatar name={item.display} photoUrl={item.photoUrl} size="sm" /> : null}
      {item.kind === 'person' ? <PresenceDot userId={item.userId} size={8} /> : null}
      <Stack gap={0} miw={0}>
        <Text size="sm" truncate="end">
          {item.display}
        </Text>
        <Text size="xs" truncate="end" style={{ opacity: 0.75 }}>
          {prefix}
          {item.handle}
          {item.kind === 'person'
            ? item.hint
              ? ` · ${item.hint}`
              : ''
            : ` · ${t(`composer.mentionKind.${item.kind}`)}`}
        </Text>
      </Stack>
    </Group>
  );
}

/**
 * A Markdown field with Write and Preview tabs. Typing `@` offers people, groups and
 * departments, `#` offers topics, both from the server. The preview is the server's own
 * rendering (the browser never turns Markdown into HTML itself).
 */
export function MarkdownEditor({
  label,
  value,
  onChange,
  error,
  placeholder,
  description,
  minRows = 3,
  maxLength,
  hideLabel,
  autoFocus,
  onSubmitShortcut,
}: MarkdownEditorProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('write');
  const previewing = tab === 'preview';
  const [debounced] = useDebouncedValue(value, 300);
  const preview = useMarkdownPreview(debounced, previewing && debounced.trim() !== '');
  const tabsId = useId();

  return (
    <Tabs value={tab} onChange={setTab} variant="outline" keepMounted={false} id={tabsId}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-end">
        {hideLabel ? null : (
          <Text component="span" size="sm" fw={500}>
            {label}
          </Text>
        )}
        <Tabs.List ml="auto" aria-label={t('composer.editorTabs', { field: label })}>
          <Tabs.Tab value="write" fz="xs" py={6}>
            {t('composer.write')}
          </Tabs.Tab>
          <Tabs.Tab value="preview" fz="xs" py={6}>
            {t('composer.preview')}
          </Tabs.Tab>
        </Tabs.List>
      </Group>
      <Tabs.Panel value="write" pt="xs">
        <Mentions
          aria-label={label}
          value={value}
          onChange={(payload) => onChange(payload.value)}
          placeholder={placeholder}
          description={description}
          error={error}
          minRows={minRows}
          maxRows={16}
          maxLength={maxLength}
          autoFocus={autoFocus}
          filter={false}
          nothingFoundMessage={null}
          loadingMessage={t('common.loading')}
          errorMessage={t('composer.suggestionsFailed')}
          a11ySuggestionsListLabel={t('composer.suggestions')}
          comboboxProps={{ withinPortal: true }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && onSubmitShortcut) {
              event.preventDefault();
              onSubmitShortcut();
            }
          }}
        >
          <Mentions.Mention
            trigger="@"
            data={suggestMentions}
            markup={mentionSerializer}
            displayTransform={mentionText}
            debounceMs={200}
            appendSpaceOnAdd
            renderSuggestion={({ item }) => <SuggestionRow item={item as Suggestion} />}
          />
          <Mentions.Mention
            trigger="#"
            data={suggestTopics}
            markup={hashtagSerializer}
            displayTransform={hashtagText}
            debounceMs={200}
            appendSpaceOnAdd
            renderSuggestion={({ item }) => <SuggestionRow item={item as Suggestion} />}
          />
        </Mentions>
        <Text size="xs" c="dimmed" mt={4}>
          {t('composer.markdownHint')}
        </Text>
      </Tabs.Panel>
      <Tabs.Panel value="preview" pt="xs">
        <Paper withBorder p="sm" mih={80} aria-live="polite" aria-busy={preview.isFetching}>
          {value.trim() === '' ? (
            <Text size="sm" c="dimmed">
              {t('composer.nothingToPreview')}
            </Text>
          ) : preview.data ? (
            <PostHtml html={preview.data.html} />
          ) : preview.isError ? (
            <ErrorAlert error={preview.error} />
          ) : (
            <PageLoader />
          )}
        </Paper>
      </Tabs.Panel>
    </Tabs>
  );
}
