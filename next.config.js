/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native drivers stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', 'pg'],
  // `next dev` reached as 127.0.0.1 (the e2e default) as well as localhost.
  allowedDevOrigins: ['127.0.0.1'],
  // `next dev` reached as 127.0.0.1 (the e2e default) as well as localhost.
  allowedDevOrigins: ['127.0.0.1'],
};

export default nextConfig;
