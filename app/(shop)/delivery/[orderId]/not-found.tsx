import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';

export default function OrderNotFound() {
  return (
    <EmptyState titleAs="h1" title="We couldn’t find that order" action={<ButtonLink href="/dashboard">See my orders</ButtonLink>}>
      It may belong to another account, or the link may be mistyped.
    </EmptyState>
  );
}
