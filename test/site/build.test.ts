// Checks the built portal in dist/ (npm test builds it first).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '../../dist');
const read = (path: string) => readFileSync(join(DIST, path), 'utf8');

function htmlFiles(dir = DIST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return name.endsWith('.html') ? [full.slice(DIST.length)] : [];
  });
}

describe('the built portal', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(join(DIST, 'index.html')), 'dist/index.html is missing: run npm run build').toBe(true);
  });

  it('serves Chinese at / and English at /en/, with the right lang attribute', () => {
    const zh = read('index.html');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('清廉村居');
    expect(zh).toContain('href="/mailbox"');
    const en = read('en/index.html');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Qinglian');
    expect(en).toContain('href="/en/mailbox"');
  });

  it('has a language switcher on every page that keeps the same page', () => {
    expect(read('index.html')).toMatch(/<a href="\/en\/" hreflang="en" lang="en"[^>]*>English<\/a>/);
    expect(read('en/index.html')).toMatch(/<a href="\/" hreflang="zh-CN" lang="zh-CN"[^>]*>中文<\/a>/);
    for (const file of htmlFiles()) expect(read(file), file).toMatch(/hreflang="(en|zh-CN)"/);
  });

  it('lists the villages, marks the demonstration village and says the data are samples', () => {
    const zh = read('index.html');
    expect(zh).toContain('清廉村（示例·示范村）');
    expect(zh).toContain('示范村</span>');
    expect(zh).toContain('示例数据');
    expect(read('en/index.html')).toContain('Sample data');
  });

  it('has a 404 page in both languages', () => {
    const page = read('404.html');
    expect(page).toContain('页面不存在');
    expect(page).toContain('<section lang="en"');
    expect(page).toContain('Page not found');
  });

  it('ships no JavaScript on content pages', () => {
    for (const file of htmlFiles()) expect(read(file), file).not.toMatch(/<script/);
  });

  it('gives static pages the same security headers as the worker’s pages', () => {
    const headers = read('_headers');
    expect(headers).toContain('Referrer-Policy: no-referrer');
    expect(headers).toContain("Content-Security-Policy: default-src 'self'");
  });

  it('stays light: every page under 20 KB, the stylesheet under 12 KB, the mailbox script under 12 KB', () => {
    for (const file of htmlFiles()) expect(statSync(join(DIST, file)).size, file).toBeLessThan(20_000);
    expect(statSync(join(DIST, 'styles/site.css')).size).toBeLessThan(12_000);
    expect(statSync(join(DIST, 'scripts/mailbox.js')).size).toBeLessThan(12_000);
  });
});
