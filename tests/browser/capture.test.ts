/**
 * The one screenshot path of the browser suites: Chromium's transient refusal is asked again,
 * anything else fails at once. A stand-in page here, so this runs without Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { capture } from './chromium.js';

const REFUSAL = 'page.screenshot: Protocol error (Page.captureScreenshot): Unable to capture screenshot';

/** A page whose screenshot() fails with the given errors in turn, then returns a PNG. */
function pageFailing(errors: string[]) {
  const calls = { screenshot: 0, frames: 0 };
  const page = {
    mainFrame: () => undefined,
    screenshot: async () => {
      const error = errors[calls.screenshot++];
      if (error) throw new Error(error);
      return Buffer.from('png');
    },
    evaluate: async () => {
      calls.frames++;
    },
  };
  return { page: page as unknown as Page, calls };
}

describe('capture', () => {
  it('when Chromium refuses a capture and then takes it, then the picture is returned after a frame', async () => {
    const { page, calls } = pageFailing([REFUSAL, REFUSAL]);
    expect((await capture(page)).toString()).toBe('png');
    expect(calls).toEqual({ screenshot: 3, frames: 2 });
  });

  it('when the refusal persists, then it is thrown after four attempts', async () => {
    const { page, calls } = pageFailing([REFUSAL, REFUSAL, REFUSAL, REFUSAL, REFUSAL]);
    await expect(capture(page)).rejects.toThrow(/Unable to capture screenshot/);
    expect(calls.screenshot).toBe(4);
  });

  it('when the capture fails for another reason, then it is thrown at once', async () => {
    const { page, calls } = pageFailing(['page.screenshot: Target page, context or browser has been closed']);
    await expect(capture(page)).rejects.toThrow(/has been closed/);
    expect(calls).toEqual({ screenshot: 1, frames: 0 });
  });
});
