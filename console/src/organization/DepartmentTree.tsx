import { ActionIcon, Box, Group, Text, UnstyledButton } from '@mantine/core';
import type { DepartmentNode } from './tree';
import { plural } from '../users/words';

/**
 * The department tree as nested lists: each department a button that opens it, and, where it has sub-departments,
 * a button that shows or hides them (its state announced); all reached with Tab, used with Enter or Space.
 */
export function DepartmentTree({ roots, selected, expanded, onSelect, onToggle }: {
  roots: DepartmentNode[];
  selected?: string;
  expanded: Set<string>;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
}) {
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Department tree">
      {roots.map((node) => (
        <Branch key={node.id} node={node} selected={selected} expanded={expanded} onSelect={onSelect} onToggle={onToggle} />
      ))}
    </Box>
  );
}

/** One department and, when shown, its sub-departments. */
function Branch({ node, selected, expanded, onSelect, onToggle }: {
  node: DepartmentNode;
  selected?: string;
  expanded: Set<string>;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
}) {
  const open = expanded.has(node.id);
  const current = node.id === selected;
  const childrenId = `department-children-${node.id}`;
  return (
    <li>
      <Group gap={4} wrap="nowrap" py={2}>
        {node.children.length > 0 ? (
          <ActionIcon variant="subtle" color="gray.8" size="md" aria-expanded={open} aria-controls={open ? childrenId : undefined}
            aria-label={`Sub-departments of ${node.name}`} onClick={() => onToggle(node.id)}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </ActionIcon>
        ) : (
          <Box w={28} aria-hidden="true" />
        )}
        <UnstyledButton onClick={() => onSelect(node.id)} aria-current={current ? 'true' : undefined} px={8} py={4}
          style={{
            borderRadius: 'var(--mantine-radius-sm)',
            background: current ? 'var(--mantine-color-blue-light)' : undefined,
            fontWeight: current ? 600 : undefined,
          }}>
          {node.name}{' '}
          <Text span size="sm" c="gray.7" ml={4}>{plural(node.userCount, 'user')}</Text>
        </UnstyledButton>
      </Group>
      {open && node.children.length > 0 && (
        <Box component="ul" id={childrenId} m={0} pl={24} style={{ listStyle: 'none' }}>
          {node.children.map((child) => (
            <Branch key={child.id} node={child} selected={selected} expanded={expanded} onSelect={onSelect}
              onToggle={onToggle} />
          ))}
        </Box>
      )}
    </li>
  );
}
