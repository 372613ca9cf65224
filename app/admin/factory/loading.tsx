import { PageSkeleton } from '@/components/admin/page-skeleton';

export default function Loading() {
  return <PageSkeleton label="the factory console" cards={3} />;
}
