import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'JWT Pizza', template: '%s · JWT Pizza' },
  description: 'Pizza you can verify: every pie is a signed JWT.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
