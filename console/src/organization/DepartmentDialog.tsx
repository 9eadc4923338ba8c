import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { api, answer } from '../api/client';

import { useEscapeInDropdown } from '../common/inputs';
import { ProblemAlert } from '../common/ProblemAlert';
import { departmentOptions, subtreeIds, type DepartmentNode } from './tree';
import { UserMultiPicker } from '../common/UserMultiPicker';

type Saved = { id?: string; parentId?: string };

/**
 * A new department under a parent, or a department's name, place in the tree and supervisors changed in one save
 * (only what changed is sent, so a rename never moves anything).
 */
export function DepartmentDialog({ roots, department, parentId, supervisorNames, onClose }: {
  roots: DepartmentNode[];
  /** The department to change; none for a new one. */
  department?: DepartmentNode;
  /** Where a new department goes at first. */
  parentId?: string;
  supervisorNames: Map<string, string>;
  onClose: (saved?: Saved) => void;
}) {
  const [name, setName] = useState(department?.name ?? '');
  const [parent, setParent] = useState<string | null>(department ? department.parentId ?? null : parentId ?? null);
  const [supervisors, setSupervisors] = useState<string[]>(department?.supervisorIds ?? []);
  const escape = useEscapeInDropdown();
  const root = department !== undefined && !department.parentId;
  const places = departmentOptions(roots, department ? subtreeIds(department) : new Set());

  const save = useMutation({
    mutationFn: (): Promise<Saved> => {
      if (!department) {
        return answer(api.POST('/departments', {
          body: { name: name.trim(), parentId: parent ?? undefined, supervisorIds: supervisors },
        }));
      }
      const sameSupervisors = supervisors.length === department.supervisorIds.length
        && supervisors.every((id) => department.supervisorIds.includes(id));
      return answer(api.PATCH('/departments/{id}', {
        params: { path: { id: department.id } },
        body: {
          name: name.trim() !== department.name ? name.trim() : undefined,
          parentId: parent && parent !== department.parentId ? parent : undefined,
          supervisorIds: sameSupervisors ? undefined : supervisors,
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
    <Modal opened onClose={() => onClose()} title={department ? `Edit ${department.name}` : 'New department'} size="lg"
     >
      <Stack component="form" onSubmit={submit}>
        <TextInput label="Name" required maxLength={200} value={name} data-autofocus
          onChange={(event) => setName(event.currentTarget.value)} />
        <Select {...escape} label="Parent department" required={!root} disabled={root} searchable data={places} value={parent}
          onChange={setParent} nothingFoundMessage="No department matches"
          description={!department ? undefined : root ? 'The top department stays at the top.'
            : 'Moving it moves its sub-departments and people too.'} />
        <UserMultiPicker label="Supervisors" value={supervisors} known={supervisorNames} onChange={setSupervisors}
          description="They supervise the people of this department." />
        <ProblemAlert error={save.error} title="Not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose()}>Cancel</Button>
          <Button type="submit" loading={save.isPending} disabled={!name.trim() || (!root && !parent)}>
            {department ? 'Save' : 'Create department'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
