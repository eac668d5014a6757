/**
 * Every benchmark section, in run order. To add one: write scripts/bench/sections/NAME.ts
 * exporting a `Section` (see ../types.ts) and add it here; `npm run bench -- --only NAME` runs it alone.
 */
import type { Section } from '../types.js';
import { analyticsSection } from './analytics.js';
import { browserSection } from './browser.js';
import { chapterSection } from './chapter.js';
import { importSection } from './import.js';
import { introductionsSection } from './introductions.js';
import { linkedInImportSection } from './linkedin-import.js';
import { loadSection } from './load.js';
import { neo4jSection } from './neo4j.js';
import { parsersSection } from './parsers.js';
import { scaleSection } from './scale.js';

export const SECTIONS: readonly Section[] = [importSection, analyticsSection, loadSection, linkedInImportSection, browserSection, neo4jSection, parsersSection, chapterSection, introductionsSection, scaleSection];
