/**
 * Companies and people. The compact per-person columns (industry, location, company, activity,
 * giving propensity) are drawn first and kept in typed arrays for the later phases; the person
 * records themselves are built lazily while streaming, so 100,000 people cost a few megabytes.
 */
import type { Company, Person } from '../../graph/schema.js';
import { CLUBS, COMPANY_WORDS, DEPARTMENTS, INDUSTRIES, LOCATIONS, TAGS, TITLES_BY_SIZE, type Industry } from './catalog.js';
import { emailLocalPart, personName } from './names.js';
import { Rng, WeightedPicker, streamSeed } from './prng.js';

export interface Population {
  count: number;
  /** Index into INDUSTRIES. */
  industry: Uint8Array;
  /** Index into LOCATIONS. */
  location: Uint8Array;
  /** Index into companies, or -1 for independents. */
  company: Int32Array;
  /** Heavy-tailed networking activity (≥ 1): super-connectors are rare and busy. */
  activity: Float32Array;
  /** Propensity to give referrals (0..1): some people give, some mostly take. */
  giving: Float32Array;
  companies: Company[];
  companySize: Int32Array;
  companyDomain: string[];
  /** People by location and by industry, for homophilous choices. */
  byLocation: Int32Array[];
  byIndustry: Int32Array[];
}

const industryPicker = new WeightedPicker(INDUSTRIES.map((i) => i.weight));

/** Small networks live in a few cities (so local groups have locals); big ones use them all. */
function locationPickerFor(people: number): WeightedPicker {
  const cities = Math.min(LOCATIONS.length, Math.max(3, Math.round(Math.sqrt(people) / 2.5)));
  const cutoff = [...LOCATIONS].map((l) => l.weight).sort((x, y) => y - x)[cities - 1]!;
  let kept = 0;
  return new WeightedPicker(LOCATIONS.map((l) => (l.weight >= cutoff && kept++ < cities ? l.weight : 0)));
}
const clubPicker = new WeightedPicker(CLUBS.map((c) => c.weight));

/** Zero-padded id with a prefix, wide enough for `count`. */
export function makeId(prefix: string, index: number, count: number): string {
  return prefix + String(index + 1).padStart(String(count).length, '0');
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function buildCompanies(rng: Rng, people: number, locationPicker: WeightedPicker): Pick<Population, 'companies' | 'companySize' | 'companyDomain'> {
  const count = Math.max(3, Math.round(people / 6));
  const companies: Company[] = [];
  const companySize = new Int32Array(count);
  const companyDomain: string[] = [];
  const taken = new Set<string>();
  for (let c = 0; c < count; c++) {
    const industry = INDUSTRIES[industryPicker.pick(rng)] as Industry;
    const location = LOCATIONS[locationPicker.pick(rng)]!.name;
    let name = `${rng.pick(COMPANY_WORDS)} ${rng.pick(industry.suffixes)}`;
    if (taken.has(name)) name = `${name} ${location.split(',')[0]}`;
    for (let n = 2; taken.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    taken.add(name);
    // Most businesses in networking groups are tiny; a few are large employers.
    const size = Math.min(20_000, Math.max(1, Math.round(rng.pareto(0.9))));
    companySize[c] = size;
    companyDomain.push(`${slug(name)}.example`);
    companies.push({ id: makeId('c', c, count), name, industry: industry.name, size, location });
  }
  return { companies, companySize, companyDomain };
}

function indexBy(values: Uint8Array, categories: number): Int32Array[] {
  const counts = new Int32Array(categories);
  for (const v of values) counts[v]!++;
  const lists = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(categories);
  values.forEach((v, i) => {
    lists[v]![fill[v]!++] = i;
  });
  return lists;
}

/** Draws companies and the per-person columns. */
export function buildPopulation(seed: number, people: number): Population {
  const rng = new Rng(streamSeed(seed, 1));
  const locationPicker = locationPickerFor(people);
  const { companies, companySize, companyDomain } = buildCompanies(rng, people, locationPicker);
  const employerPicker = new WeightedPicker(Array.from(companySize, (s) => Math.pow(s, 0.6)));
  const industry = new Uint8Array(people);
  const location = new Uint8Array(people);
  const company = new Int32Array(people);
  const activity = new Float32Array(people);
  const giving = new Float32Array(people);
  for (let p = 0; p < people; p++) {
    if (rng.chance(0.7)) {
      const c = employerPicker.pick(rng);
      const rec = companies[c]!;
      company[p] = c;
      industry[p] = INDUSTRIES.findIndex((i) => i.name === rec.industry);
      location[p] = rng.chance(0.85) ? LOCATIONS.findIndex((l) => l.name === rec.location) : locationPicker.pick(rng);
    } else {
      company[p] = -1;
      industry[p] = industryPicker.pick(rng);
      location[p] = locationPicker.pick(rng);
    }
    activity[p] = Math.min(50, rng.pareto(1.6));
    // A bimodal mix: most give now and then, a fifth are generous givers, a tenth mostly take.
    const r = rng.float();
    giving[p] = r < 0.1 ? 0.05 : r < 0.3 ? 0.9 : 0.3 + 0.4 * rng.float();
  }
  return {
    count: people,
    industry,
    location,
    company,
    activity,
    giving,
    companies,
    companySize,
    companyDomain,
    byLocation: indexBy(location, LOCATIONS.length),
    byIndustry: indexBy(industry, INDUSTRIES.length),
  };
}

/** The person records, built on demand in id order. */
export function* personRecords(seed: number, pop: Population): Generator<Person> {
  const rng = new Rng(streamSeed(seed, 2));
  for (let p = 0; p < pop.count; p++) {
    const name = personName(rng);
    const ind = INDUSTRIES[pop.industry[p]!]!;
    const c = pop.company[p]!;
    const size = c >= 0 ? pop.companySize[c]! : 1;
    const titles = TITLES_BY_SIZE.find((t) => size <= t.maxSize)!.titles;
    const person: Person = { id: makeId('p', p, pop.count), name };
    const local = emailLocalPart(name);
    if (local && rng.chance(0.85)) person.email = `${local}@${c >= 0 ? pop.companyDomain[c] : 'mail.example'}`;
    if (c >= 0) person.company = pop.companies[c]!.name;
    person.title = rng.pick(titles);
    person.industry = ind.name;
    person.profession = rng.pick(ind.professions);
    person.location = LOCATIONS[pop.location[p]!]!.name;
    if (rng.chance(0.15)) person.tags = rng.chance(0.7) ? [rng.pick(TAGS)] : [...new Set([rng.pick(TAGS), rng.pick(TAGS)])];
    const attributes: Record<string, string> = {};
    if (size > 10) attributes.department = rng.pick(DEPARTMENTS);
    if (rng.chance(0.35)) attributes.club = CLUBS[clubPicker.pick(rng)]!.name;
    if (Object.keys(attributes).length > 0) person.attributes = attributes;
    yield person;
  }
}
