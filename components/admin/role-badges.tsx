import { Badge } from '@/components/ui/card';
import type { Role } from '@/lib/auth/roles';

const roleTone = { admin: 'bad', franchisee: 'good', diner: 'neutral' } as const;

/** A user's roles; a franchisee's names the franchise (`franchiseNames`), else its number. */
export function RoleBadges({ roles, franchiseNames }: { roles: Role[]; franchiseNames: Map<number, string> }) {
  const label = (role: Role) => (role.role === 'franchisee' ? `franchisee · ${franchiseNames.get(role.objectId) ?? `#${role.objectId}`}` : role.role);
  return (
    <ul aria-label="Roles" className="flex min-w-0 flex-wrap gap-1.5">
      {roles.map((role) => (
        <li key={label(role)} className="min-w-0">
          <Badge tone={roleTone[role.role]}>
            <span className="wrap-anywhere">{label(role)}</span>
          </Badge>
        </li>
      ))}
    </ul>
  );
}
