import { describe, expect, it } from 'vitest';
import { vcpStage } from '../../graph/analytics/vcp.js';
import { DEFAULT_CONFIG } from '../../graph/analytics/config.js';
import { evidenceText } from '../../viz/src/map/panel.js';
import { count, plural } from '../../viz/src/words.js';

describe('counts with their noun on the pages', () => {
  it('when a count is one, then the noun is singular; otherwise plural, irregular plurals included, thousands grouped', () => {
    expect(count(1, 'person')).toBe('1 person');
    expect(count(0, 'tie')).toBe('0 ties');
    expect(count(1, 'member')).toBe('1 member');
    expect(count(2400, 'person')).toBe('2,400 people');
    expect(count(3, 'category', 'categories')).toBe('3 categories');
    expect(plural('one-to-one')).toBe('one-to-ones');
  });
  it('when a tie\'s evidence is shown, then its counts read in real plurals and a count the server reason states is not repeated', () => {
    const ev = { interactions: 1, oneToOnes: 1, coAttendedEvents: 1, referralsGiven: 0, referralsReceived: 0, lastContact: '2024-05-01T00:00:00Z' };
    const { reason } = vcpStage({ interactions: 1, oneToOnes: 1, given: 0, received: 0, won: 0 }, DEFAULT_CONFIG);
    expect(reason).toBe('1 one-to-one meeting');
    expect(evidenceText(ev, reason)).toBe('1 one-to-one meeting · 1 interaction · 1 shared event · last contact 2024-05-01');
  });
});
