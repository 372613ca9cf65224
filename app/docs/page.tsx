import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { JsonBlock } from '@/components/shop/json-block';
import { Badge, PageHeader } from '@/components/ui/card';
import { apiDocs } from '@/lib/api/docs';

export const metadata: Metadata = { title: 'API docs' };

type Endpoint = ReturnType<typeof apiDocs>['endpoints'][number];

const methodStyles: Record<string, string> = {
  GET: 'bg-basil-600 text-white',
  POST: 'bg-sauce-600 text-white',
  PUT: 'bg-crust-300 text-char-900',
  DELETE: 'bg-char-800 text-white',
};

/** Groups endpoints by their resource: /api/auth, /api/user, /api/order, /api/franchise. */
function byResource(endpoints: Endpoint[]): [string, Endpoint[]][] {
  const groups = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints) {
    const resource = endpoint.path.split('/')[2] ?? 'other';
    groups.set(resource, [...(groups.get(resource) ?? []), endpoint]);
  }
  return [...groups];
}

export default async function DocsPage() {
  const docs = apiDocs({ headers: await headers() });
  return (
    <>
      <PageHeader
        title="JWT Pizza API"
        subtitle={
          <>
            Version <span className="font-mono">{docs.version}</span> · the same data as{' '}
            <a href="/api/docs" className="font-semibold text-sauce-700 underline underline-offset-2">
              GET /api/docs
            </a>
          </>
        }
      />
      <div className="mb-8 grid gap-3 text-sm text-char-700 sm:grid-cols-2">
        <p className="rounded-2xl border border-char-900/10 bg-white p-4">
          Send JSON, get JSON. Authenticate with <code className="font-mono text-char-900">Authorization: Bearer &lt;token&gt;</code>{' '}
          using the token from register or login. Errors look like <code className="font-mono text-char-900">{'{"message": "…"}'}</code>.
        </p>
        <p className="rounded-2xl border border-char-900/10 bg-white p-4">
          Pizza factory: <code className="break-all font-mono text-char-900">{docs.config.factory}</code>. Verify a pizza by posting{' '}
          <code className="font-mono text-char-900">{'{"jwt": "…"}'}</code> to its <code className="font-mono text-char-900">/api/order/verify</code>.
        </p>
      </div>
      <div className="space-y-8">
        {byResource(docs.endpoints).map(([resource, endpoints]) => (
          <section key={resource} aria-labelledby={`docs-${resource}`}>
            <h2 id={`docs-${resource}`} className="mb-3 text-xl font-bold capitalize text-char-900">
              {resource}
            </h2>
            <ul className="space-y-3">
              {endpoints.map((endpoint) => (
                <li key={`${endpoint.method} ${endpoint.path}`}>
                  <EndpointCard endpoint={endpoint} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

function EndpointCard({ endpoint }: { endpoint: Endpoint }) {
  return (
    <details className="group rounded-2xl border border-char-900/10 bg-white shadow-sm open:shadow-md">
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-2 rounded-2xl p-4 hover:bg-crust-50 [&::-webkit-details-marker]:hidden">
        <span className={`w-16 rounded-md py-1 text-center font-mono text-xs font-bold ${methodStyles[endpoint.method] ?? 'bg-char-900/10'}`}>
          {endpoint.method}
        </span>
        <code className="break-all font-mono text-sm font-semibold text-char-900">{endpoint.path}</code>
        {endpoint.requiresAuth ? <Badge tone="warn">Token required</Badge> : <Badge>Public</Badge>}
        <span aria-hidden="true" className="ml-auto text-char-700 transition-transform group-open:rotate-180">
          ▾
        </span>
        <span className="w-full text-sm text-char-700">{endpoint.description}</span>
      </summary>
      <div className="grid gap-4 border-t border-char-900/10 p-4 lg:grid-cols-2">
        <div className="min-w-0">
          <h3 className="mb-2 text-sm font-semibold text-char-800">Example request</h3>
          <JsonBlock value={endpoint.example} />
        </div>
        <div className="min-w-0">
          <h3 className="mb-2 text-sm font-semibold text-char-800">Example response</h3>
          <JsonBlock value={endpoint.response} />
        </div>
      </div>
    </details>
  );
}
