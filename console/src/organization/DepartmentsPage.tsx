import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Group, List, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { api, answer } from '../api/client';
import { can } from '../session/session';
import { plural } from '../users/words';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { DepartmentDialog } from './DepartmentDialog';
import { DepartmentTree } from './DepartmentTree';
import { ProblemAlert } from '../common/ProblemAlert';
import { usePeople, useDepartments } from './queries';
import { ancestorIds, flatten, type DepartmentNode } from './tree';

type Dialog = { kind: 'create'; parentId?: string } | { kind: 'edit' } | { kind: 'delete' };

/**
 * The department tree: open a department to see its people count and supervisors; create one under a parent, rename,
 * move or give it supervisors, delete it (the service says why it will not, e.g. people or sub-departments in it).
 */
export function DepartmentsPage() {
  const { query, roots } = useDepartments();
  const queries = useQueryClient();
  const [params, setParams] = useSearchParams();
  const all = flatten(roots);
  const selected = all.find((node) => node.id === params.get('id')) ?? roots[0];
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  // at first the top departments are open, and those above the one a link opened
  const open = expanded ?? new Set([...roots.map((node) => node.id), ...(selected ? ancestorIds(roots, selected.id) : [])]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const manage = can('USERS_MANAGE');

  function select(id: string) {
    setParams({ id }, { replace: true });
  }

  function toggle(id: string) {
    const after = new Set(open);
    if (!after.delete(id)) after.add(id);
    setExpanded(after);
  }

  /** Shows a department just saved: the branch it is in opened, it selected. */
  function reveal(saved: { id: string; parentId?: string }) {
    const after = new Set(open);
    if (saved.parentId) {
      [...ancestorIds(roots, saved.parentId), saved.parentId].forEach((above) => after.add(above));
    }
    setExpanded(after);
    select(saved.id);
  }

  async function refresh() {
    await queries.invalidateQueries({ queryKey: ['departments'] });
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Departments</Title>
        {manage && (
          <Button onClick={() => setDialog({ kind: 'create', parentId: selected?.id })}>New department</Button>
        )}
      </Group>
      <ProblemAlert error={query.error} title="The departments could not be listed" />
      {query.isPending && <Loader aria-label="Loading the departments" />}
      {query.isSuccess && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Paper withBorder p="sm">
            <Group justify="space-between" mb="xs">
              <Text fw={600}>{plural(all.length, 'department')}</Text>
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => setExpanded(new Set(all.map((node) => node.id)))}>
                  Expand all
                </Button>
                <Button size="xs" variant="default" onClick={() => setExpanded(new Set())}>Collapse all</Button>
              </Group>
            </Group>
            <DepartmentTree roots={roots} selected={selected?.id} expanded={open} onSelect={select} onToggle={toggle} />
          </Paper>
          {selected && (
            <DepartmentDetails department={selected} manage={manage}
              onAdd={() => setDialog({ kind: 'create', parentId: selected.id })}
              onEdit={() => setDialog({ kind: 'edit' })} onDelete={() => setDialog({ kind: 'delete' })} />
          )}
        </SimpleGrid>
      )}

      {dialog && dialog.kind !== 'delete' && (
        <DepartmentDialogFor roots={roots} department={dialog.kind === 'edit' ? selected : undefined}
          parentId={dialog.kind === 'create' ? dialog.parentId : undefined}
          onClose={async (saved) => {
            setDialog(null);
            if (saved?.id) {
              await refresh();
              reveal({ id: saved.id, parentId: saved.parentId });
            }
          }} />
      )}
      {dialog?.kind === 'delete' && selected && (
        <ConfirmDialog title={`Delete ${selected.name}?`} confirmLabel="Delete department"
          onConfirm={() => answer(api.DELETE('/departments/{id}', { params: { path: { id: selected.id } } }))}
          onClose={async (done) => {
            setDialog(null);
            if (done) {
              if (selected.parentId) select(selected.parentId);
              await refresh();
            }
          }}>
          <Text>{`${selected.path} will be deleted. Only a department without people and sub-departments can be.`}</Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}

/** The department dialog with the names of the department's supervisors read first. */
function DepartmentDialogFor(props: Omit<Parameters<typeof DepartmentDialog>[0], 'supervisorNames'>) {
  const names = usePeople(props.department?.supervisorIds ?? []);
  return <DepartmentDialog {...props} supervisorNames={names} />;
}

/** The open department: where it is, how many people, its supervisors, and what can be done with it. */
function DepartmentDetails({ department, manage, onAdd, onEdit, onDelete }: {
  department: DepartmentNode;
  manage: boolean;
  onAdd: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const supervisors = usePeople(department.supervisorIds);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="department-name">
      <Stack gap="sm">
        <Title order={2} size="h3" id="department-name">{department.name}</Title>
        <Text size="sm" c="gray.7">{department.path}</Text>
        <Text>
          {`${plural(department.userCount, 'person', 'people')} in it, ${plural(department.children.length, 'sub-department')}.`}
        </Text>
        <div>
          <Text fw={600} id="department-supervisors">Supervisors</Text>
          {department.supervisorIds.length === 0 ? (
            <Text size="sm" c="gray.7">No supervisors.</Text>
          ) : (
            <List aria-labelledby="department-supervisors" size="sm">
              {department.supervisorIds.map((id) => <List.Item key={id}>{supervisors.get(id)}</List.Item>)}
            </List>
          )}
        </div>
        {manage && (
          <Group>
            <Button variant="default" onClick={onAdd}>Add sub-department</Button>
            <Button variant="default" onClick={onEdit}>Edit</Button>
            {department.parentId && <Button color="red" variant="outline" onClick={onDelete}>Delete</Button>}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
