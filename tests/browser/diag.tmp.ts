import { startMapHarness } from './map-harness.js';
import { largeNetwork } from './large-network.js';
const h = await startMapHarness();
try {
  await h.api.call('POST', '/api/import', largeNetwork(10_000, 50_000));
  let t = Date.now();
  const r = await fetch(h.api.url + '/api/map'); await r.text(); console.log('prefetch map', Date.now() - t);
  const { page, errors } = await h.browser.newPage();
  t = Date.now();
  await page.goto(h.api.url + '/', { waitUntil: 'domcontentloaded', timeout: 120000 });
  console.log('dcl', Date.now() - t);
  await page.waitForFunction(() => (window.__refnet?.loads ?? 0) >= 1, null, { timeout: 300000 });
  console.log('loaded', Date.now() - t, await page.evaluate(() => window.__refnet!.timings));
  t = Date.now();
  await page.evaluate(() => new Promise(requestAnimationFrame));
  console.log('raf', Date.now() - t);
  console.log(await page.evaluate(() => {
    const r = window.__refnet!.renderer! as any;
    const out: Record<string, number> = {};
    let t = performance.now(); r.render(); out.renderFull = performance.now() - t;
    t = performance.now(); r.render(); out.renderFull2 = performance.now() - t;
    r.setSetting('renderEdgeLabels', false);
    const cam = r.getCamera();
    cam.isAnimated = () => true;
    t = performance.now(); r.render(); out.renderMoving = performance.now() - t;
    t = performance.now(); r.render(); out.renderMoving2 = performance.now() - t;
    t = performance.now(); r.refresh(); out.refresh = performance.now() - t;
    return out;
  }));
  console.log(errors);
} finally { await h.close(); }
