import { describe, expect, it } from 'vitest';
import { requestOrigin } from '@/lib/http/origin';

const FALLBACK = 'http://localhost:3000';
const origin = (headers: Record<string, string>) => requestOrigin(new Headers(headers), FALLBACK);

describe('requestOrigin', () => {
  it('is the address the client used: the Host header, or a proxy\'s forwarded host and scheme', () => {
    expect(origin({ host: 'localhost:3201' })).toBe('http://localhost:3201');
    expect(origin({ host: '127.0.0.1:3000', 'x-forwarded-host': 'pizza.example.com', 'x-forwarded-proto': 'https' })).toBe('https://pizza.example.com');
    expect(origin({ host: 'pizza.example.com', 'x-forwarded-proto': 'https, http' })).toBe('https://pizza.example.com');
    expect(origin({ 'x-forwarded-host': 'a.example.com, b.internal' })).toBe('http://a.example.com');
  });

  it('falls back when there is no usable host', () => {
    expect(origin({})).toBe(FALLBACK);
    for (const host of ['evil.example/path', 'user@evil.example', 'a b', 'x?y']) expect(origin({ host }), host).toBe(FALLBACK);
    expect(origin({ host: 'pizza.example.com', 'x-forwarded-proto': 'javascript' })).toBe('http://pizza.example.com');
  });
});
