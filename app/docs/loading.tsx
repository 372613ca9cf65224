import { PageSkeleton, Skeleton } from '@/components/shop/skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading the API docs…">
      <div className="space-y-3">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
    </PageSkeleton>
  );
}
