/** The options the bundled data/sample-network.json is made with (a test checks it is current). */
export const SAMPLE_OPTIONS = { people: 300, records: 8000, seed: 20261101, anchor: '2026-11-01', years: 2 } as const;
export const SAMPLE_PATH = 'data/sample-network.json';
