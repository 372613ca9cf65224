import { PageSkeleton, Skeleton } from '@/components/shop/skeleton';

export default function Loading() {
  return (
    <div className="mx-auto max-w-2xl">
      <PageSkeleton label="Loading your order…">
        <Skeleton className="h-72" />
      </PageSkeleton>
    </div>
  );
}
