import { useEffect, useId, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Group, Loader, Paper, SegmentedControl, Stack, Text,
  Title } from '@mantine/core';
import { ApiError, notificationApi, answer } from '../api/client';
import { problemWords } from '../api/problem';
import type { Notice } from './liveStream';
import { NOTIFICATIONS, unreadCountQuery } from './queries';
import { formatTime } from './words';
import { Pager } from '../common/Pager';

const PAGE_SIZE = 20;
const SHOW = [{ value: 'all', label: 'All' }, { value: 'unread', label: 'Unread' }];

function words(error: unknown): string {
  return error instanceof ApiError ? problemWords(error.problem) : String(error);
}

/** The notification center: the person's notices, newest first, paged by the service; each marked read, or all at once. */
export function NotificationsPage() {
  const queries = useQueryClient();
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: [...NOTIFICATIONS, 'list', show, page],
    queryFn: () => answer(notificationApi.GET('/notifications', {
      params: { query: { unread: show === 'unread', page: page - 1, size: PAGE_SIZE } },
    })),
    placeholderData: keepPreviousData,
  });
  const unread = useQuery(unreadCountQuery);
  const refreshed = () => queries.invalidateQueries({ queryKey: NOTIFICATIONS });
  const markRead = useMutation({
    mutationFn: (id: string) => answer(notificationApi.POST('/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: refreshed,
  });
  const markAll = useMutation({
    mutationFn: () => answer(notificationApi.POST('/notifications/read-all')),
    onSuccess: refreshed,
  });
  const failed = list.error ?? unread.error ?? markRead.error ?? markAll.error;
  const items = list.data?.items ?? [];
  const pages = Math.max(1, Number(list.data?.page?.totalPages ?? 1));

  // a page emptied by marking its notices read (under Unread) gives way to the last page there is
  useEffect(() => {
    if (list.data && page > pages) setPage(pages);
  }, [list.data, page, pages]);

  return (
    <Stack maw={900}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Notifications</Title>
        <Text size="sm" c="gray.7" aria-live="polite">{unread.data !== undefined ? `${unread.data} unread` : ''}</Text>
      </Group>
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl aria-label="Show" value={show} data={SHOW}
          onChange={(value) => { setShow(value as 'all' | 'unread'); setPage(1); }} />
        <Button variant="default" disabled={!unread.data} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          Mark all as read
        </Button>
      </Group>
      {failed && <Alert color="red" role="alert" title="Something went wrong">{words(failed)}</Alert>}
      {list.isPending && <Loader aria-label="Loading your notifications" />}
      {list.isSuccess && items.length === 0 && (
        <Text c="gray.7">{show === 'unread' ? 'No unread notifications.' : 'No notifications yet.'}</Text>
      )}
      <Stack aria-busy={list.isFetching}>
        {items.map((notice) => (
          <NoticeCard key={notice.id} notice={notice} marking={markRead.isPending && markRead.variables === notice.id}
            onRead={() => markRead.mutate(notice.id ?? '')} />
        ))}
      </Stack>
      {pages > 1 && (
        <Pager label="Pages of notifications" total={pages} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}

/** One notice: title, when, whether it is read, its text, and Mark as read. */
function NoticeCard({ notice, marking, onRead }: { notice: Notice; marking: boolean; onRead: () => void }) {
  const heading = useId();
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={heading}
      style={notice.read ? undefined : { borderInlineStart: '4px solid var(--mantine-color-blue-8)' }}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <Title order={2} size="h4" id={heading}>{notice.title}</Title>
          <Text size="xs" c="gray.7">{formatTime(notice.createdAt)}</Text>
        </div>
        {notice.read ? (
          <Badge color="gray" variant="outline" tt="none" c="dark">Read</Badge>
        ) : (
          <Group gap="xs">
            <Badge color="blue" variant="dot" tt="none" c="dark">Unread</Badge>
            <Button size="xs" variant="default" loading={marking} onClick={onRead}
              aria-label={`Mark as read: ${notice.title}`}>
              Mark as read
            </Button>
          </Group>
        )}
      </Group>
      {notice.body && <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-line' }}>{notice.body.trim()}</Text>}
    </Paper>
  );
}
