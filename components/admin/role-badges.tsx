import { Badge } from '@/components/ui/card';
import type { Role } from '@/lib/auth/roles';

const roleLabel = (role: Role) => (role.role === 'franchisee' ? `franchisee · #${role.objectId}` : role.role);
const roleTone = { admin: 'bad', franchisee: 'good', diner: 'neutral' } as const;

export function RoleBadges({ roles }: { roles: Role[] }) {
  return (
    <ul aria-label="Roles" className="flex flex-wrap gap-1.5">
      {roles.map((role) => (
        <li key={roleLabel(role)}>
          <Badge tone={roleTone[role.role]}>{roleLabel(role)}</Badge>
        </li>
      ))}
    </ul>
  );
}
