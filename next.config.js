/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native drivers stay outside the server bundle. The metrics and OpenTelemetry packages too:
  // one copy in Node's module cache for every route bundle, and the same @opentelemetry/api
  // that Next's own tracer loads.
  serverExternalPackages: [
    'better-sqlite3',
    'pg',
    'prom-client',
    '@opentelemetry/api',
    '@opentelemetry/sdk-metrics',
    '@opentelemetry/resources',
    '@opentelemetry/exporter-metrics-otlp-http',
  ],
  // GET / answers API clients with the contract's {message, version} (app/api/status) and gives
  // browsers the home page. Checked here rather than in a proxy: a proxy does not see the RSC
  // and Next-Action headers, so client navigations and server actions posted to / looked like
  // API calls.
  async rewrites() {
    return {
      beforeFiles: [
        {
          source: '/',
          destination: '/api/status',
          missing: [
            { type: 'header', key: 'accept', value: '.*text/html.*' },
            { type: 'header', key: 'rsc' },
            { type: 'header', key: 'next-action' },
          ],
        },
      ],
    };
  },
  // `next dev` reached as 127.0.0.1 (the e2e default) as well as localhost.
  allowedDevOrigins: ['127.0.0.1'],
};

export default nextConfig;
