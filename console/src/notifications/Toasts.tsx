import { useEffect, useRef, useState, type FocusEvent } from 'react';
import { Link } from 'react-router';
import { Anchor, CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import type { Notice } from './liveStream';

/** How long a pop-up stays when nobody points at it or is in it. */
const LIFETIME = 10_000;

/**
 * The live pop-ups: a polite status region (always there, so screen readers announce what is added to it) at the
 * bottom corner; each pop-up goes after a while, never while the pointer or the keyboard focus is in the region.
 */
export function Toasts({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: string) => void }) {
  const [held, setHeld] = useState(false);

  function leave(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHeld(false);
  }

  return (
    <div role="status" aria-live="polite" aria-label="New notifications"
      style={{ position: 'fixed', insetInlineEnd: 16, bottom: 16, zIndex: 300, width: 'min(360px, calc(100vw - 32px))' }}
      onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)} onFocus={() => setHeld(true)} onBlur={leave}>
      <Stack gap="xs">
        {notices.map((notice) => (
          <Toast key={notice.id} notice={notice} held={held} onDismiss={() => onDismiss(notice.id ?? '')} />
        ))}
      </Stack>
    </div>
  );
}

/** One pop-up: the notice's title, the way to the notification center, and Dismiss. */
function Toast({ notice, held, onDismiss }: { notice: Notice; held: boolean; onDismiss: () => void }) {
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });
  useEffect(() => {
    if (held) return undefined;
    const timer = setTimeout(() => dismiss.current(), LIFETIME);
    return () => clearTimeout(timer);
  }, [held]);

  return (
    <Paper withBorder shadow="md" p="sm" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm">{notice.title}</Text>
        <CloseButton size="sm" aria-label={`Dismiss: ${notice.title}`} onClick={onDismiss} />
      </Group>
      <Anchor component={Link} to="/notifications" size="sm" onClick={onDismiss}>Open the notification center</Anchor>
    </Paper>
  );
}
