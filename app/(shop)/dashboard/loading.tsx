import { PageSkeleton, Skeleton } from '@/components/shop/skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading your orders…">
      <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-3">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
        <Skeleton className="h-80" />
      </div>
    </PageSkeleton>
  );
}
