import { describe, expect, it } from 'vitest';
import { frameOfLandAsset, landAssetPath } from '../../../src/web/map/land-asset.js';
import { countryPaths, frameFor } from '../../../src/web/map/map-frame.js';
import { memoryWebApp } from './support/web-app.js';

describe('map outlines as a cacheable asset', () => {
  it('the page links its frame\'s outlines instead of inlining them, and stays small', async () => {
    const { app, link } = memoryWebApp();
    const html = await (await app.request(link('ORD-1001'))).text();
    const href = /<image class="map-land" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toMatch(/^\/web\/map\/l1\/-?[\d.]+_-?[\d.]+_-?[\d.]+_-?[\d.]+\.svg$/);
    expect(html).not.toContain('<path');
    // The pins stay in the page; the outlines (tens of KB for a long route) do not.
    expect(html).toContain('class="map-scan');
    expect(html.length).toBeLessThan(12_000);

    const res = await app.request(href!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const svg = await res.text();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 400"')).toBe(true);
    // The same drawing the page used to inline: every country path of the frame.
    const frame = frameOfLandAsset(href!.split('/').pop()!)!;
    for (const c of countryPaths(frame)) expect(svg).toContain(`<path d="${c.d}"/>`);
    const etag = res.headers.get('etag')!;
    const again = await app.request(href!, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('the asset\'s frame is the page\'s frame (pins sit on the outlines); other names are refused', async () => {
    const frame = frameFor([
      { lat: 45.52, lon: -122.68, label: 'Portland', kind: 'scan' },
      { lat: 41.01, lon: 28.98, label: 'Istanbul', kind: 'destination' },
    ]);
    const back = frameOfLandAsset(landAssetPath(frame).split('/').pop()!)!;
    expect(back.project(-122.68, 45.52)).toEqual(frame.project(-122.68, 45.52));
    expect(back.project(28.98, 41.01)).toEqual(frame.project(28.98, 41.01));
    for (const bad of ['5_2_3_4.svg', '1.50_20_3_4.svg', '10_1_3_4.svg', '1_2_3_4.png', '..%2F_1_2_3.svg']) expect(frameOfLandAsset(bad), bad).toBeNull();
    const { app } = memoryWebApp();
    const res = await app.request('/web/map/l1/10_1_3_4.svg');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no such map frame' } });
  });
});
