import { Badge } from '@/components/ui/card';
import type { OrderStatus } from '@/lib/store/orders';

const labels: Record<OrderStatus, { text: string; tone: 'good' | 'warn' | 'bad' }> = {
  fulfilled: { text: 'Delivered', tone: 'good' },
  pending: { text: 'In the kitchen', tone: 'warn' },
  failed: { text: 'Failed', tone: 'bad' },
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { text, tone } = labels[status];
  return <Badge tone={tone}>{text}</Badge>;
}
