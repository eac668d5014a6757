/**
 * Person names by naming culture, so that a first name goes with a plausible last name and the
 * order (family name first for Japanese and Chinese) follows the culture. Includes non-ASCII
 * names on purpose: imports, search and exports must carry them unchanged.
 */
import type { Rng } from './prng.js';
import { WeightedPicker } from './prng.js';

interface Culture {
  weight: number;
  first: readonly string[];
  last: readonly string[];
  familyFirst?: boolean;
  /** Joiner between parts (no space in Japanese/Chinese). */
  joiner?: string;
  /** Surnames with a feminine form (Polish -ski → -ska). */
  feminineSuffix?: boolean;
}

const CULTURES: readonly Culture[] = [
  {
    weight: 40,
    first: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Chris', 'Karen', 'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Steven', 'Ashley', 'Paul', 'Emily', 'Andrew', 'Michelle', 'Joshua', 'Amanda', 'Kevin', 'Melissa', 'Brian', 'Rebecca', 'Zoë', 'Chloe', 'Noah', 'Olivia', 'Liam', 'Emma', 'Ethan', 'Ava', 'Grace', 'Owen'],
    last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', "O'Brien", 'Murphy', 'Kelly', 'Brontë', 'McAllister'],
  },
  {
    weight: 14,
    first: ['José', 'María', 'Juan', 'Lucía', 'Carlos', 'Sofía', 'Javier', 'Carmen', 'Andrés', 'Isabel', 'Miguel', 'Inés', 'Raúl', 'Ana', 'Álvaro', 'Elena', 'Sergio', 'Begoña', 'Iñigo', 'Mónica'],
    last: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Núñez', 'Castaño'],
  },
  {
    weight: 10,
    first: ['Jürgen', 'Anna', 'Lukas', 'Lena', 'Jörg', 'Katrin', 'Stefan', 'Sabine', 'Matthias', 'Grete', 'Tobias', 'Julia', 'Björn', 'Ute', 'Felix', 'Hannah'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Größer', 'Köhler'],
  },
  {
    weight: 8,
    first: ['Łukasz', 'Agnieszka', 'Piotr', 'Małgorzata', 'Krzysztof', 'Katarzyna', 'Paweł', 'Joanna', 'Michał', 'Zofia', 'Tomasz', 'Ewa'],
    last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski'],
    feminineSuffix: true,
  },
  {
    weight: 8,
    first: ['Léa', 'Hugo', 'Chloé', 'Théo', 'Manon', 'Louis', 'Camille', 'Jérôme', 'Inès', 'François', 'Amélie', 'Benoît', 'Zoé', 'Gaëlle'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Lefèvre', 'Girard', 'Bonnet', 'Françoise'],
  },
  {
    weight: 6,
    first: ['花子', '太郎', '結衣', '翔太', '陽菜', '大輝', '美咲', '健太', '葵', '蓮'],
    last: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'],
    familyFirst: true,
    joiner: ' ',
  },
  {
    weight: 6,
    first: ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '军'],
    last: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'],
    familyFirst: true,
    joiner: '',
  },
  {
    weight: 8,
    first: ['Aarav', 'Priya', 'Rohan', 'Ananya', 'Vikram', 'Sneha', 'Arjun', 'Kavya', 'Sanjay', 'Deepa'],
    last: ['Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Mehta', 'Joshi'],
  },
  {
    weight: 5,
    first: ['Oluwaseun', 'Chiamaka', 'Kwame', 'Amara', 'Tunde', 'Nneka', 'Kofi', 'Zainab', 'Emeka', 'Ayodele'],
    last: ['Okafor', 'Adeyemi', 'Mensah', 'Okonkwo', 'Balogun', 'Owusu', 'Eze', 'Nwosu', 'Boateng', 'Adebayo'],
  },
  {
    weight: 5,
    first: ['Søren', 'Ingrid', 'Åsa', 'Lars', 'Signe', 'Øystein', 'Freja', 'Mikkel', 'Astrid', 'Henrik'],
    last: ['Jensen', 'Hansen', 'Nielsen', 'Andersson', 'Johansson', 'Sørensen', 'Lindqvist', 'Ødegård', 'Berg', 'Dahl'],
  },
];

const picker = new WeightedPicker(CULTURES.map((c) => c.weight));

/** A full display name drawn from one culture. */
export function personName(rng: Rng): string {
  const culture = CULTURES[picker.pick(rng)] as Culture;
  const first = rng.pick(culture.first);
  const surname = rng.pick(culture.last);
  const joiner = culture.joiner ?? ' ';
  // Polish surnames in -ski/-cki take the feminine -ska/-cka with a feminine first name.
  const last = culture.feminineSuffix && first.endsWith('a') ? surname.replace(/(sk|ck|dzk)i$/, '$1a') : surname;
  return culture.familyFirst ? `${last}${joiner}${first}` : `${first}${joiner}${last}`;
}

/** An ASCII e-mail local part for a name, or undefined when the name has no Latin letters. */
export function emailLocalPart(name: string): string | undefined {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/ +/g, '.');
  return folded.length >= 2 ? folded : undefined;
}
