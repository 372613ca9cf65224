/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native drivers stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', 'pg'],
};

export default nextConfig;
