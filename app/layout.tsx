import type { Metadata, Viewport } from 'next';
import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import localFont from 'next/font/local';
import { FocusRescue } from '@/components/layout/focus-rescue';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import './globals.css';

/** The ₿ glyph alone, for the prices: Geist has none (app/fonts/README.md). */
const bitcoinSign = localFont({
  src: './fonts/bitcoin-sign.woff2',
  weight: '100 900',
  variable: '--font-bitcoin-sign',
  declarations: [{ prop: 'unicode-range', value: 'U+20BF' }],
  adjustFontFallback: false,
});

export const metadata: Metadata = {
  title: { default: 'JWT Pizza', template: '%s · JWT Pizza' },
  description: 'Pizza you can verify: every pie is a signed JWT.',
  // The icon is app/icon.svg, with app/favicon.ico for browsers that ask for /favicon.ico.
};

export const viewport: Viewport = { themeColor: '#d9412b', width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable} ${bitcoinSign.variable}`}>
      <body className="flex min-h-dvh flex-col font-sans">
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {children}
        </main>
        <SiteFooter />
        <FocusRescue />
      </body>
    </html>
  );
}
