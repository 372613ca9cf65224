import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';

export default function FranchiseNotFound() {
  return (
    <EmptyState titleAs="h1" title="Franchise not found" action={<ButtonLink href="/admin/franchises">Back to franchises</ButtonLink>}>
      <p>It may have been closed, or the link is wrong.</p>
    </EmptyState>
  );
}
