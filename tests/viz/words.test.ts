import { describe, expect, it } from 'vitest';
import { vcpStage } from '../../graph/analytics/vcp.js';
import { DEFAULT_CONFIG } from '../../graph/analytics/config.js';
import { evidenceText } from '../../viz/src/map/panel.js';
import { daysAgo } from '../../graph/support/words.js';

// The pages count with graph/support/words.ts (tested in tests/unit/support/words.test.ts): here,
// that a page's words and a server reason agree, so the page can leave out what the reason says.
describe('counts with their noun on the pages', () => {
  it('when a tie\'s evidence is shown, then its counts read in real plurals and a count the server reason states is not repeated', () => {
    const ev = { interactions: 1, oneToOnes: 1, coAttendedEvents: 1, referralsGiven: 0, referralsReceived: 0, lastContact: '2024-05-01T00:00:00Z' };
    const { reason } = vcpStage({ interactions: 1, oneToOnes: 1, given: 0, received: 0, won: 0 }, DEFAULT_CONFIG);
    expect(reason).toBe('1 one-to-one meeting');
    expect(evidenceText(ev, reason)).toBe('1 one-to-one meeting · 1 interaction · 1 shared event · last contact 2024-05-01');
  });
  it('when the reason states a plural count, then the evidence does not repeat it and writes the other counts in plurals', () => {
    const ev = { interactions: 6, oneToOnes: 0, coAttendedEvents: 2, referralsGiven: 0, referralsReceived: 0, lastContact: '2024-05-01T00:00:00Z' };
    const { reason } = vcpStage({ interactions: 6, oneToOnes: 0, given: 0, received: 0, won: 0 }, DEFAULT_CONFIG);
    expect(reason).toBe('6 interactions');
    expect(evidenceText(ev, reason)).toBe('6 interactions · 2 shared events · last contact 2024-05-01');
  });
});

describe('how long ago, on every page and in every server reason', () => {
  it('when something happened today or yesterday, then it says so in words, never "0 days ago"', () => {
    expect(daysAgo(0)).toBe('today');
    expect(daysAgo(0.9)).toBe('today');
    expect(daysAgo(1)).toBe('yesterday');
    expect(daysAgo(2)).toBe('2 days ago');
    expect(daysAgo(1200)).toBe('1,200 days ago');
  });
});
