import { PageSkeleton, Skeleton } from '@/components/shop/skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading your order…">
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Skeleton className="h-64" />
        <Skeleton className="h-96" />
      </div>
    </PageSkeleton>
  );
}
