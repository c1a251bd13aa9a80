import { describe, expect, test } from 'vitest';
import en from './en.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

/** Every leaf as a dotted key with its value. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/**
 * The plural forms each language needs (CLDR, as i18next asks Intl.PluralRules): English has
 * one/other, Russian one/few/many/other. A plural key is compared by its base name, and must
 * have exactly its language's forms.
 */
const pluralForms = {
  en: new Intl.PluralRules('en').resolvedOptions().pluralCategories,
  ru: new Intl.PluralRules('ru').resolvedOptions().pluralCategories,
};

function baseKeys(entries: [string, unknown][]): Set<string> {
  return new Set(entries.map(([key]) => key.replace(pluralSuffix, '')));
}

function pluralGroups(entries: [string, unknown][]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [key] of entries) {
    const match = pluralSuffix.exec(key);
    if (!match) continue;
    const base = key.slice(0, match.index);
    groups.set(base, [...(groups.get(base) ?? []), match[1]!]);
  }
  return groups;
}

const languages = { en: leaves(en as Tree), ru: leaves(ru as Tree) };

describe('web translations', () => {
  test('en and ru have the same keys', () => {
    expect([...baseKeys(languages.ru)].sort()).toEqual([...baseKeys(languages.en)].sort());
  });

  test('the same keys are plural in both languages', () => {
    expect([...pluralGroups(languages.ru).keys()].sort()).toEqual(
      [...pluralGroups(languages.en).keys()].sort(),
    );
  });

  test.each(['en', 'ru'] as const)(
    'every plural key in %s has exactly the forms of the language',
    (language) => {
      for (const [base, forms] of pluralGroups(languages[language])) {
        expect({ base, forms: [...forms].sort() }).toEqual({
          base,
          forms: [...pluralForms[language]].sort(),
        });
      }
    },
  );

  test.each(['en', 'ru'] as const)('no value in %s is empty', (language) => {
    const empty = languages[language].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(empty).toEqual([]);
  });

  test('both languages use the same interpolation variables for a key', () => {
    const variables = (value: unknown) =>
      [...String(value).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const ruByKey = new Map(languages.ru);
    for (const [key, value] of languages.en) {
      const base = key.replace(pluralSuffix, '');
      const ruValue = ruByKey.get(key) ?? ruByKey.get(`${base}_other`);
      expect({ key, variables: variables(ruValue) }).toEqual({ key, variables: variables(value) });
    }
  });
});
