import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { ButtonLink } from '@/components/ui/button';
import { formatDuration } from '@/components/ui/duration';
import { Elapsed } from '@/components/ui/live-time';
import { Price } from '@/components/ui/price';
import { Spinner } from '@/components/ui/spinner';
import type { OrderStatus, OrderView } from '@/lib/store/orders';
import { CopyButton } from './copy-button';
import type { VerifyState } from './form-state';
import { LocalDateTime } from '@/components/ui/local-time';
import { groupItems } from './format';
import { JsonBlock } from './json-block';
import { RefreshButton } from './refresh-button';
import { VerifyPizza } from './verify-pizza';

export function OrderItems({ order }: { order: OrderView }) {
  return (
    <>
      <ul className="mt-4 divide-y divide-char-900/10">
        {groupItems(order.items).map((group, i) => (
          <li key={i} className="flex justify-between gap-3 py-2">
            <span className="min-w-0 wrap-anywhere">
              {group.quantity} × {group.description}
            </span>
            <Price sat={group.priceSat} className="text-char-800" />
          </li>
        ))}
      </ul>
      <div className="mt-2 flex items-baseline justify-between border-t border-char-900/10 pt-3">
        <span className="font-semibold">Total</span>
        <Price btc={order.totalPrice} className="text-lg font-bold" />
      </div>
    </>
  );
}

function decode(jwt: string): { header: ProtectedHeaderParameters; payload: JWTPayload } | undefined {
  try {
    return { header: decodeProtectedHeader(jwt), payload: decodeJwt(jwt) };
  } catch {
    return undefined;
  }
}

const segmentColours = ['text-sauce-700', 'text-basil-600', 'text-char-700'];

/** The pizza itself: the raw JWT, what it says, and a way to check it. */
export function PizzaJwt({
  jwt,
  verifyAction,
}: {
  jwt: string;
  verifyAction: (state: VerifyState, formData: FormData) => Promise<VerifyState>;
}) {
  const decoded = decode(jwt);
  const times = decoded
    ? [
        { label: 'Signed', at: decoded.payload.iat },
        { label: 'Expires', at: decoded.payload.exp },
      ].filter((t): t is { label: string; at: number } => typeof t.at === 'number')
    : [];
  return (
    <section aria-labelledby="pizza-heading" className="min-w-0 space-y-6 rounded-2xl border border-char-900/10 bg-white p-5 shadow-sm">
      <div>
        <h2 id="pizza-heading" className="text-lg font-bold">
          Your pizza, signed
        </h2>
        <p className="mt-1 text-sm text-char-700">
          Every JWT Pizza is a JSON Web Token signed by the pizza factory. Anyone with the factory’s public keys can check it.
        </p>
      </div>

      <div>
        <div className="mb-2 flex items-center justify-between gap-3">
          <h3 className="text-sm font-semibold text-char-800">Pizza JWT</h3>
          <CopyButton text={jwt} label="Copy the pizza JWT" />
        </div>
        <p
          data-testid="pizza-jwt"
          tabIndex={0}
          className="max-h-48 overflow-auto break-all rounded-xl border border-char-900/10 bg-crust-50 p-3 font-mono text-xs leading-relaxed"
        >
          {jwt.split('.').map((segment, i) => (
            <span key={i}>
              {i > 0 && <span className="text-char-900">.</span>}
              <span className={segmentColours[i] ?? 'text-char-700'}>{segment}</span>
            </span>
          ))}
        </p>
      </div>

      {decoded ? (
        <div className="space-y-4">
          <div>
            <h3 className="mb-2 text-sm font-semibold text-sauce-700">Header</h3>
            <JsonBlock value={decoded.header} />
          </div>
          <div>
            <h3 className="mb-2 text-sm font-semibold text-basil-600">Payload</h3>
            <JsonBlock value={decoded.payload} />
            {times.length > 0 && (
              <dl className="mt-2 flex flex-wrap gap-x-4 text-xs text-char-700">
                {times.map((t) => (
                  <div key={t.label} className="flex gap-1">
                    <dt>{t.label}:</dt>
                    <dd>
                      <LocalDateTime at={t.at} />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        </div>
      ) : (
        <p className="text-sm text-char-700">This token cannot be decoded as a JWT.</p>
      )}

      <div className="border-t border-char-900/10 pt-5">
        <h3 className="mb-3 text-sm font-semibold text-char-800">Is it genuine?</h3>
        <VerifyPizza action={verifyAction} jwt={jwt} />
      </div>
    </section>
  );
}

/** No JWT yet: the order is paid and recorded, but the factory has not signed the pizza. */
export function KitchenBehind({
  orderId,
  status,
  reason,
  placedAt,
  keepTryingMs,
  adminView = false,
}: {
  orderId: number;
  status: OrderStatus;
  reason: string | null;
  placedAt: string;
  /** How long the store keeps asking the factory before it gives up. */
  keepTryingMs: number;
  /** An admin looking at the order: point them at the queue, where they can retry it. */
  adminView?: boolean;
}) {
  const failed = status === 'failed';
  return (
    <section
      aria-labelledby="kitchen-heading"
      className={`self-start rounded-2xl border p-6 ${failed ? 'border-sauce-500/30 bg-white' : 'border-crust-300 bg-crust-100'}`}
    >
      <div className="flex items-center gap-3">
        <svg viewBox="0 0 24 24" className="size-10 shrink-0 text-sauce-600" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
          <circle cx="12" cy="12" r="9" />
          {failed ? <path d="M9 9l6 6M15 9l-6 6" /> : <path d="M12 7v5l3 2" />}
        </svg>
        {!failed && (
          <p className="flex items-center gap-2 text-sm font-semibold text-char-800">
            <Spinner />
            <span>
              Waiting for <Elapsed since={placedAt} />
            </span>
          </p>
        )}
      </div>
      <h2 id="kitchen-heading" className="mt-3 text-xl font-bold text-char-900">
        {failed ? 'This pizza couldn’t be made' : 'Order confirmed — the kitchen is running behind'}
      </h2>
      {failed ? (
        <div className="mt-2 space-y-2 text-char-800">
          <p>
            Your order is paid and recorded, but the pizza factory did not sign this pizza within {formatDuration(keepTryingMs)}, so we stopped
            asking.
          </p>
          <p>
            Our team sees every order that could not be made and can send <strong>order #{orderId}</strong> back to the kitchen. If they do,
            this page shows the pizza as soon as it is made.
          </p>
        </div>
      ) : (
        <div className="mt-2 space-y-2 text-char-800">
          <p>Your order is paid and recorded. The pizza factory is having trouble right now, so we keep asking it for you.</p>
          <p>
            Your pizza appears on this page by itself as soon as it is signed. You can leave: the order is saved under My orders.
          </p>
        </div>
      )}
      {/* The factory's own words (configuration versions, budgets in ms) are for admins, not diners. */}
      {adminView && reason && (
        <p className="mt-3 text-sm text-char-700">
          <span className="font-semibold">{failed ? 'Reason' : 'Last answer from the factory'}:</span> {reason}
        </p>
      )}
      <div className="mt-5 flex flex-wrap gap-2">
        {failed && adminView ? (
          <ButtonLink href="/admin/orders">Retry in the order queue</ButtonLink>
        ) : (
          !failed && <RefreshButton>Check now</RefreshButton>
        )}
        <ButtonLink href="/menu" variant="secondary">
          Back to the menu
        </ButtonLink>
      </div>
    </section>
  );
}
