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
  // `next dev` reached as 127.0.0.1 (the e2e default) as well as localhost.
  allowedDevOrigins: ['127.0.0.1'],
};

export default nextConfig;
