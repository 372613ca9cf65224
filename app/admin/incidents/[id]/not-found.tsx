import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';

export default function IncidentNotFound() {
  return (
    <EmptyState titleAs="h1" title="Incident not found" action={<ButtonLink href="/admin/incidents">All incidents</ButtonLink>}>
      <p>There is no incident with this number. The link may be wrong.</p>
    </EmptyState>
  );
}
