/** Roles as the REST contract shows them. They always come from the database. */
export type Role = { role: 'diner' } | { role: 'admin' } | { role: 'franchisee'; objectId: number };

export interface AuthUser {
  id: number;
  name: string;
  email: string;
  roles: Role[];
}

export const isAdmin = (user: AuthUser | null | undefined): boolean =>
  user?.roles.some((r) => r.role === 'admin') ?? false;

export const franchiseIdsOf = (user: AuthUser): number[] =>
  user.roles.flatMap((r) => (r.role === 'franchisee' ? [r.objectId] : []));

export const isFranchiseAdmin = (user: AuthUser, franchiseId: number): boolean =>
  isAdmin(user) || franchiseIdsOf(user).includes(franchiseId);

interface RoleRow {
  role: string;
  franchiseId: number | null;
}

export function toRoles(rows: RoleRow[]): Role[] {
  return rows.flatMap((r): Role[] => {
    if (r.role === 'franchisee' && r.franchiseId != null) return [{ role: 'franchisee', objectId: r.franchiseId }];
    if (r.role === 'admin' || r.role === 'diner') return [{ role: r.role }];
    return [];
  });
}

export function toAuthUser(row: { id: number; name: string; email: string; roles: RoleRow[] }): AuthUser {
  return { id: row.id, name: row.name, email: row.email, roles: toRoles(row.roles) };
}
