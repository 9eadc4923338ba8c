import { describe, expect, it } from 'vitest';
import { ancestorIds, buildTree, departmentOptions, flatten, subtreeIds } from './tree';

// as GET /departments answers: ordered by path, the root without a parent
const departments = [
  { id: 'root', parentId: undefined, name: 'My Company', path: 'My Company', supervisorIds: [], userCount: 3 },
  { id: 'product', parentId: 'root', name: 'Product Development', path: 'My Company / Product Development',
    supervisorIds: [], userCount: 2 },
  { id: 'sales', parentId: 'root', name: 'Sales Department', path: 'My Company / Sales Department',
    supervisorIds: ['sofia'], userCount: 1 },
  { id: 'care', parentId: 'sales', name: 'Customer Care', path: 'My Company / Sales Department / Customer Care',
    supervisorIds: [], userCount: 1 },
  { id: 'accounts', parentId: 'sales', name: 'accounts', path: 'My Company / Sales Department / accounts' },
];

describe('buildTree', () => {
  it('puts each department under its parent, siblings by name whatever their case', () => {
    const [root] = buildTree(departments);
    expect(root.name).toBe('My Company');
    expect(root.children.map((node) => node.id)).toEqual(['product', 'sales']);
    const sales = root.children[1];
    expect(sales.supervisorIds).toEqual(['sofia']);
    expect(sales.children.map((node) => node.name)).toEqual(['accounts', 'Customer Care']);
  });

  it('reads absent fields as empty', () => {
    const accounts = flatten(buildTree(departments)).find((node) => node.id === 'accounts');
    expect(accounts).toMatchObject({ supervisorIds: [], userCount: 0, children: [] });
  });

  it('makes a department whose parent the reader cannot see a root of its own', () => {
    const scoped = buildTree(departments.filter((department) => department.id !== 'root'));
    expect(scoped.map((node) => node.id)).toEqual(['product', 'sales']);
    expect(scoped[1].children).toHaveLength(2);
  });

  it('answers an empty tree for an empty list', () => {
    expect(buildTree([])).toEqual([]);
  });
});

describe('what the screens ask of the tree', () => {
  const roots = buildTree(departments);
  const sales = flatten(roots).find((node) => node.id === 'sales')!;

  it('lists parents before their children', () => {
    expect(flatten(roots).map((node) => node.id)).toEqual(['root', 'product', 'sales', 'accounts', 'care']);
  });

  it('knows where a department cannot move: under itself or below it', () => {
    expect([...subtreeIds(sales)].sort()).toEqual(['accounts', 'care', 'sales']);
    expect(departmentOptions(roots, subtreeIds(sales))).toEqual([
      { value: 'root', label: 'My Company' },
      { value: 'product', label: 'My Company / Product Development' },
    ]);
  });

  it('finds the departments above one, from the top', () => {
    expect(ancestorIds(roots, 'care')).toEqual(['root', 'sales']);
    expect(ancestorIds(roots, 'root')).toEqual([]);
    expect(ancestorIds(roots, 'unknown')).toEqual([]);
  });
});
