/** A person of the generated company. */
export interface CsvPerson {
  email: string;
  name: string;
  position: string;
  department: string;
  skills: string[];
}

const russian: [first: string, latin: string, female: boolean][] = [
  ['Алексей', 'aleksey', false],
  ['Анна', 'anna', true],
  ['Дмитрий', 'dmitriy', false],
  ['Елена', 'elena', true],
  ['Сергей', 'sergey', false],
  ['Ольга', 'olga', true],
  ['Михаил', 'mikhail', false],
  ['Татьяна', 'tatyana', true],
  ['Павел', 'pavel', false],
  ['Наталья', 'natalya', true],
];
const russianSurnames: [male: string, female: string, latin: string][] = [
  ['Иванов', 'Иванова', 'ivanov'],
  ['Смирнов', 'Смирнова', 'smirnov'],
  ['Кузнецов', 'Кузнецова', 'kuznetsov'],
  ['Соколов', 'Соколова', 'sokolov'],
  ['Лебедев', 'Лебедева', 'lebedev'],
  ['Морозов', 'Морозова', 'morozov'],
  ['Волков', 'Волкова', 'volkov'],
  ['Фёдоров', 'Фёдорова', 'fedorov'],
];
const english = ['James', 'Emily', 'Oliver', 'Sophie', 'Thomas', 'Charlotte', 'Daniel', 'Grace', 'Henry'];
const englishSurnames = [
  'Smith',
  'Taylor',
  'Brown',
  'Wilson',
  'Evans',
  'Walker',
  'Wright',
  'Hughes',
  'Clarke',
];

const departments = ['Engineering', 'Продажи', 'Finance', 'Маркетинг', 'Customer Support', 'Кадры'];
const positions = [
  'Backend developer',
  'Ведущий аналитик',
  'Account manager',
  'Бухгалтер',
  'QA engineer',
  'Менеджер по продажам',
  'Product designer',
  'Специалист по подбору',
];
const commonSkills = ['SQL', 'Excel', 'Python', 'Переговоры', 'Project management', 'Figma', '1С', 'English'];

/**
 * A believable company of `count` people on `domain`, half with Russian and half with English
 * names, each in a department with a position and two or three skills. The people at
 * `rareSkillHolders` also have `rareSkill`, which nobody else has.
 */
export function generatePeople(
  count: number,
  domain: string,
  rareSkill: string,
  rareSkillHolders: number[],
): CsvPerson[] {
  const people: CsvPerson[] = [];
  for (let i = 0; i < count; i++) {
    let name: string;
    let local: string;
    if (i % 2 === 0) {
      const k = i / 2;
      const [first, firstLatin, female] = russian[k % russian.length]!;
      const [male, fem, surnameLatin] =
        russianSurnames[(k + Math.floor(k / russian.length)) % russianSurnames.length]!;
      name = `${first} ${female ? fem : male}`;
      local = `${firstLatin}.${surnameLatin}${female ? 'a' : ''}`;
    } else {
      const k = (i - 1) / 2;
      const first = english[k % english.length]!;
      const last = englishSurnames[(k + Math.floor(k / english.length)) % englishSurnames.length]!;
      name = `${first} ${last}`;
      local = `${first}.${last}`.toLowerCase();
    }
    const skills = [commonSkills[i % commonSkills.length]!, commonSkills[(i * 3 + 1) % commonSkills.length]!];
    if (rareSkillHolders.includes(i)) skills.push(rareSkill);
    people.push({
      // The index keeps addresses unique even where a name repeats.
      email: `${local}.${i}@${domain}`,
      name,
      position: positions[i % positions.length]!,
      department: departments[i % departments.length]!,
      skills: [...new Set(skills)],
    });
  }
  return people;
}

function csvCell(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The people as an HR export would give them: comma-separated, skills `;`-separated, with
 * English headers or the Russian ones (почта, ФИО, …) a Russian HR system writes.
 */
export function peopleCsv(people: CsvPerson[], headers: 'en' | 'ru'): string {
  const header =
    headers === 'ru'
      ? ['почта', 'ФИО', 'должность', 'отдел', 'навыки']
      : ['email', 'name', 'position', 'department', 'skills'];
  const lines = people.map((p) =>
    [p.email, p.name, p.position, p.department, p.skills.join(';')].map(csvCell).join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
