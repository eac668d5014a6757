/**
 * A person's name as address books and exports write it, made into the name refnet shows:
 * honorifics ("Mr.", "Dr.", "Frau", "Mme", "Sra.") are a form of address, not part of the name,
 * and a given + family name pair is joined in the order its script uses: family name first and
 * no space for Chinese, Japanese and Korean ("李" + "娜" → "李娜"), given name first otherwise.
 */

/** Honorifics in English, German, French, Spanish, Italian, Portuguese and Dutch, without the dot. */
const HONORIFICS = new Set(
  [
    'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'revd',
    'herr', 'frau', 'hr', 'fr', 'dipl', 'ing', 'mag',
    'm', 'mme', 'mlle', 'mmes', 'mm', 'me', 'pr',
    'sr', 'sra', 'srta', 'sres', 'don', 'doña', 'dña', 'dna', 'd',
    'sig', 'sigra', 'dott', 'dottssa', 'avv',
    'srª', 'exmo', 'exma', 'dhr', 'mevr', 'mw',
  ].map((h) => h.normalize('NFC')),
);

/** Letters that cannot be the whole of a short given name, so "M." is read as Monsieur only with a dot. */
const NEEDS_DOT = new Set(['m', 'd', 'fr', 'hr', 'me', 'pr', 'don', 'sir', 'dame', 'miss', 'ing', 'mag']);

/**
 * The name without leading honorifics ("Dr. Prof. Anna Schmidt" → "Anna Schmidt"). A word is an
 * honorific when it is one of the list, written with a dot where the bare word could be a name
 * ("M. Dupont" but not "M Dupont"; "Don Draper" stays). A name that is only honorifics is kept.
 */
export function withoutHonorifics(name: string): string {
  const words = name.trim().split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && isHonorific(words[i]!)) i++;
  return words.slice(i).join(' ');
}

function isHonorific(word: string): boolean {
  const dotted = word.endsWith('.');
  const bare = word.replace(/\.+$/, '').replace(/\./g, '').toLowerCase().normalize('NFC');
  if (!HONORIFICS.has(bare)) return false;
  return dotted || !NEEDS_DOT.has(bare);
}

/** True for a honorific written alone (a vCard N prefix field holds only these). */
export function isHonorificOnly(text: string): boolean {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((w) => HONORIFICS.has(w.replace(/\./g, '').toLowerCase().normalize('NFC')));
}

/** Han, Hiragana, Katakana and Hangul: scripts whose names are written family name first, unspaced. */
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u00b7\u30fb]+$/u;

/**
 * A full name from its given and family parts (either may be empty), honorifics left out.
 * `shownAs` is text that may spell the name in the order its owner shows it (a LinkedIn profile
 * slug such as "wang-wei-王伟"): people who typed the family name into the given-name field are
 * then still named the way they write it.
 */
export function fullName(given: string | undefined, family: string | undefined, shownAs?: string): string {
  const g = given?.trim() ?? '';
  const f = family?.trim() ?? '';
  if (g && f && CJK.test(g) && CJK.test(f)) return shownAs?.includes(`${g}${f}`) && !shownAs.includes(`${f}${g}`) ? `${g}${f}` : `${f}${g}`;
  return withoutHonorifics([g, f].filter(Boolean).join(' '));
}
