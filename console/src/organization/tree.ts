/** The department tree built from the API's flat list, and what the screens ask of it. */
import type { components } from '../api/user-service';

type ApiDepartment = components['schemas']['Department'];

/** A department of the tree: the API's fields read once (absent ones as empty), with its sub-departments. */
export interface DepartmentNode {
  id: string;
  parentId?: string;
  name: string;
  path: string;
  supervisorIds: string[];
  userCount: number;
  children: DepartmentNode[];
}

const byName = (a: DepartmentNode, b: DepartmentNode) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });

/**
 * The tree of `departments`: each under its parent, siblings by name. A department whose parent is not in the list
 * (the reader's role covers only part of the tree) is a root of its own.
 */
export function buildTree(departments: ApiDepartment[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>();
  for (const department of departments) {
    if (!department.id) continue;
    nodes.set(department.id, {
      id: department.id,
      parentId: department.parentId ?? undefined,
      name: department.name ?? '',
      path: department.path ?? department.name ?? '',
      supervisorIds: department.supervisorIds ?? [],
      userCount: Number(department.userCount ?? 0),
      children: [],
    });
  }
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort(byName);
    list.forEach((node) => sort(node.children));
  };
  sort(roots);
  return roots;
}

/** Every department of the tree, parents before their children. */
export function flatten(roots: DepartmentNode[]): DepartmentNode[] {
  return roots.flatMap((node) => [node, ...flatten(node.children)]);
}

/** The ids of a department and of everything below it (where it cannot be moved). */
export function subtreeIds(node: DepartmentNode): Set<string> {
  return new Set(flatten([node]).map((each) => each.id));
}

/** The ids of the departments above `id`, nearest last (to show a department, these are opened). */
export function ancestorIds(roots: DepartmentNode[], id: string): string[] {
  const byId = new Map(flatten(roots).map((node) => [node.id, node]));
  const above: string[] = [];
  for (let node = byId.get(id); node?.parentId && byId.has(node.parentId); node = byId.get(node.parentId)) {
    above.unshift(node.parentId);
  }
  return above;
}

/** The departments as choices for a select, named by their path, leaving out `except`. */
export function departmentOptions(roots: DepartmentNode[], except: Set<string> = new Set()) {
  return flatten(roots).filter((node) => !except.has(node.id)).map((node) => ({ value: node.id, label: node.path }));
}
