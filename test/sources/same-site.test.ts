import { describe, expect, it } from 'vitest';
import { isSameSite } from '../../src/sources/same-site.js';

describe('isSameSite (whose rel=canonical claims are trusted)', () => {
  it('is one site per registrable domain, by the Public Suffix List', () => {
    expect(isSameSite('https://www.bbc.co.uk/news/1', 'https://bbc.co.uk/x')).toBe(true);
    expect(isSameSite('https://amp.news.example/a', 'https://news.example/a')).toBe(true);
    expect(isSameSite('https://evil.example/a', 'https://news.example/a')).toBe(false);
    expect(isSameSite('https://bbc.co.uk/a', 'https://itv.co.uk/a')).toBe(false);
  });

  it('keeps blogs on a shared host apart (the private section of the list)', () => {
    expect(isSameSite('https://alice.github.io/a', 'https://bob.github.io/a')).toBe(false);
    expect(isSameSite('https://alice.github.io/a', 'https://alice.github.io/b')).toBe(true);
  });

  it('treats an IP address or a bare name as a site of its own', () => {
    expect(isSameSite('http://127.0.0.1:8080/a', 'http://127.0.0.1:9090/b')).toBe(true);
    expect(isSameSite('http://127.0.0.1/a', 'http://127.0.0.2/a')).toBe(false);
    expect(isSameSite('http://localhost/a', 'http://localhost/b')).toBe(true);
    expect(isSameSite('http://[::1]/a', 'http://127.0.0.1/a')).toBe(false);
    expect(isSameSite('not a url', 'http://x/')).toBe(false);
  });
});
