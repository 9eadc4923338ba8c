import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Group, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { api, answer } from '../api/client';
import type { components } from '../api/user-service';

import { useEscapeInDropdown } from '../common/inputs';
import { ProblemAlert } from '../common/ProblemAlert';
import { useDepartments } from './queries';
import { departmentOptions } from './tree';
import { type GroupKind } from './words';

type ApiGroup = components['schemas']['GroupResponse'];

/**
 * A new group (static: members added by hand; smart: members chosen by its rule), or a group renamed and, for a smart
 * one, its rule changed.
 */
export function GroupDialog({ group, onClose }: { group?: ApiGroup; onClose: (saved?: ApiGroup) => void }) {
  const { roots } = useDepartments();
  const [name, setName] = useState(group?.name ?? '');
  const [kind, setKind] = useState<GroupKind>(group?.kind ?? 'STATIC');
  const [departmentId, setDepartmentId] = useState<string | null>(group?.rules?.departmentId ?? null);
  const [jobTitle, setJobTitle] = useState(group?.rules?.jobTitle ?? '');
  const escape = useEscapeInDropdown();
  const smart = kind === 'SMART';
  // the service keeps a department rule once set (it can be changed, not removed)
  const departmentFixed = Boolean(group?.rules?.departmentId);

  const save = useMutation({
    mutationFn: () => {
      if (!group?.id) {
        return answer(api.POST('/groups', {
          body: {
            name: name.trim(), kind,
            departmentId: smart ? departmentId ?? undefined : undefined,
            jobTitle: smart && jobTitle.trim() ? jobTitle.trim() : undefined,
          },
        }));
      }
      return answer(api.PATCH('/groups/{id}', {
        params: { path: { id: group.id } },
        body: {
          name: name.trim() !== group.name ? name.trim() : undefined,
          departmentId: smart && departmentId !== (group.rules?.departmentId ?? null) ? departmentId ?? undefined : undefined,
          // an empty job title removes that rule
          jobTitle: smart && jobTitle.trim() !== (group.rules?.jobTitle ?? '') ? jobTitle.trim() : undefined,
        },
      }));
    },
    onSuccess: (saved) => onClose(saved),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <Modal opened onClose={() => onClose()} title={group ? `Edit ${group.name}` : 'New group'} size="lg">
      <Stack component="form" onSubmit={submit}>
        <TextInput label="Name" required maxLength={200} value={name} data-autofocus
          onChange={(event) => setName(event.currentTarget.value)} />
        {!group && (
          <Radio.Group label="Kind" value={kind} onChange={(value) => setKind(value as GroupKind)}>
            <Stack gap="xs" mt="xs">
              <Radio value="STATIC" label="Static: you add and remove its members" />
              <Radio value="SMART" label="Smart: its members are the people its rule selects" />
            </Stack>
          </Radio.Group>
        )}
        {smart && (
          <>
            <Text size="sm">
              The rule selects people in a department (and below it) and with a job title; leave both empty for everyone.
              People whose employment ended are left out until they are active again.
            </Text>
            <Select {...escape} label="Department" searchable clearable={!departmentFixed} data={departmentOptions(roots)}
              value={departmentId} onChange={setDepartmentId} nothingFoundMessage="No department matches"
              placeholder="Any department"
              description={departmentFixed ? 'A department rule can be changed but not removed.' : undefined} />
            <TextInput label="Job title" maxLength={200} value={jobTitle} placeholder="Any job title"
              description="Matched whole, in any case: Sales Manager matches sales manager."
              onChange={(event) => setJobTitle(event.currentTarget.value)} />
          </>
        )}
        <ProblemAlert error={save.error} title="Not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose()}>Cancel</Button>
          <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
            {group ? 'Save' : 'Create group'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
