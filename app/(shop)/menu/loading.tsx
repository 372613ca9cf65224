import { PageSkeleton, Skeleton } from '@/components/shop/skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading the menu…">
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <Skeleton className="h-24" />
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-80" />
            ))}
          </div>
        </div>
        <Skeleton className="h-64" />
      </div>
    </PageSkeleton>
  );
}
