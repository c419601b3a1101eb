import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, withIsolationHeaders } from '../../src/sw/isolation.ts';

describe('withIsolationHeaders (the service worker isolating the pages it serves)', () => {
  it('adds COOP same-origin and COEP credentialless and keeps status, type headers and body', async () => {
    const original = new Response('<!doctype html><p>你好</p>', {
      status: 200,
      statusText: 'OK',
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'self'",
      },
    });
    const served = withIsolationHeaders(original);
    expect(served.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(served.headers.get('Cross-Origin-Embedder-Policy')).toBe('credentialless');
    expect(served.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(served.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
    expect(served.status).toBe(200);
    expect(served.statusText).toBe('OK');
    expect(await served.text()).toBe('<!doctype html><p>你好</p>');
  });

  it("keeps a host's own policy: a response that already has both headers is returned as it is", () => {
    const original = new Response('x', {
      headers: {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      },
    });
    const served = withIsolationHeaders(original);
    expect(served).toBe(original);
    expect(served.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
  });

  it('adds only the header that is missing', () => {
    const original = new Response('x', { headers: { 'Cross-Origin-Embedder-Policy': 'require-corp' } });
    const served = withIsolationHeaders(original);
    expect(served.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(served.headers.get('Cross-Origin-Opener-Policy')).toBe(
      ISOLATION_HEADERS['Cross-Origin-Opener-Policy'],
    );
  });

  it('keeps a not-found answer a not-found answer', async () => {
    const served = withIsolationHeaders(new Response('missing', { status: 404, statusText: 'Not Found' }));
    expect(served.status).toBe(404);
    expect(served.statusText).toBe('Not Found');
    expect(served.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
  });

  it('leaves an error response (status 0), which cannot be rebuilt, untouched', () => {
    const error = Response.error();
    expect(withIsolationHeaders(error)).toBe(error);
  });
});
