import { PageSkeleton } from '@/components/admin/page-skeleton';

export default function Loading() {
  return <PageSkeleton label="the order queue" cards={3} />;
}
