/**
 * Hand-written material for the demo company: a department tree with the positions and skills
 * typical of each department, and names as a Russian company with an English-speaking team has.
 * Nothing here is real data about real people.
 */

export interface DepartmentSpec {
  key: string;
  name: string;
  parent?: string;
  /** Relative share of the ordinary employees. */
  weight: number;
  headTitle: string;
  positions: string[];
  skills: string[];
  /** People of this department work here rather than in a random office. */
  city?: string;
}

/** The tree, parents before children; the first department's head is the chief executive. */
export const departmentSpecs: DepartmentSpec[] = [
  {
    key: 'exec',
    name: 'Руководство',
    weight: 1,
    headTitle: 'Генеральный директор',
    positions: ['Исполнительный директор', 'Ассистент руководителя', 'Chief of Staff'],
    skills: ['Стратегия', 'Управление', 'Переговоры', 'Leadership', 'Бюджетирование'],
  },
  {
    key: 'sales',
    name: 'Продажи',
    weight: 2,
    headTitle: 'Коммерческий директор',
    positions: ['Менеджер по продажам', 'Аналитик продаж'],
    skills: ['B2B-продажи', 'CRM', 'Переговоры', 'Презентации', 'Salesforce', 'Excel'],
  },
  {
    key: 'sales-msk',
    name: 'Москва',
    parent: 'sales',
    weight: 6,
    headTitle: 'Руководитель продаж в Москве',
    positions: ['Менеджер по продажам', 'Старший менеджер по продажам', 'Account Manager'],
    skills: ['B2B-продажи', 'CRM', 'Холодные звонки', 'Переговоры', 'Тендеры', '1С'],
    city: 'Москва',
  },
  {
    key: 'sales-spb',
    name: 'Санкт-Петербург',
    parent: 'sales',
    weight: 4,
    headTitle: 'Руководитель продаж в Санкт-Петербурге',
    positions: ['Менеджер по продажам', 'Менеджер по работе с партнёрами'],
    skills: ['B2B-продажи', 'CRM', 'Партнёрские программы', 'Переговоры'],
    city: 'Санкт-Петербург',
  },
  {
    key: 'key-accounts',
    name: 'Key Accounts',
    parent: 'sales',
    weight: 3,
    headTitle: 'Head of Key Accounts',
    positions: ['Key Account Manager', 'Senior Key Account Manager'],
    skills: ['Account Management', 'Negotiation', 'Salesforce', 'Enterprise Sales', 'English'],
  },
  {
    key: 'marketing',
    name: 'Маркетинг',
    weight: 2,
    headTitle: 'Директор по маркетингу',
    positions: ['Маркетолог', 'Бренд-менеджер', 'Аналитик'],
    skills: ['Брендинг', 'Маркетинговые исследования', 'Google Analytics', 'Яндекс Метрика'],
  },
  {
    key: 'digital',
    name: 'Digital',
    parent: 'marketing',
    weight: 3,
    headTitle: 'Head of Digital',
    positions: ['Performance Marketer', 'SMM Manager', 'SEO Specialist', 'Content Manager'],
    skills: ['SEO', 'Контекстная реклама', 'SMM', 'Яндекс Директ', 'Copywriting', 'Figma'],
  },
  {
    key: 'pr',
    name: 'PR и внутренние коммуникации',
    parent: 'marketing',
    weight: 2,
    headTitle: 'Руководитель PR',
    positions: ['PR-менеджер', 'Редактор', 'Менеджер по внутренним коммуникациям'],
    skills: ['PR', 'Копирайтинг', 'Организация мероприятий', 'Медиарилейшнз'],
  },
  {
    key: 'eng',
    name: 'Engineering',
    weight: 1,
    headTitle: 'CTO',
    positions: ['Engineering Manager', 'Architect'],
    skills: ['Architecture', 'Team Leadership', 'Kubernetes', 'PostgreSQL', 'TypeScript'],
  },
  {
    key: 'backend',
    name: 'Backend',
    parent: 'eng',
    weight: 7,
    headTitle: 'Backend Team Lead',
    positions: ['Backend Developer', 'Senior Backend Developer', 'Go-разработчик', 'Java-разработчик'],
    skills: ['Go', 'Java', 'Kotlin', 'PostgreSQL', 'Kafka', 'Redis', 'gRPC', 'Node.js', 'Python'],
  },
  {
    key: 'frontend',
    name: 'Frontend',
    parent: 'eng',
    weight: 5,
    headTitle: 'Frontend Team Lead',
    positions: ['Frontend Developer', 'Senior Frontend Developer', 'Фронтенд-разработчик'],
    skills: ['TypeScript', 'React', 'Vue', 'CSS', 'Accessibility', 'Vite', 'Next.js'],
  },
  {
    key: 'mobile',
    name: 'Mobile',
    parent: 'eng',
    weight: 3,
    headTitle: 'Mobile Team Lead',
    positions: ['iOS Developer', 'Android Developer', 'Flutter Developer'],
    skills: ['Swift', 'Kotlin', 'Flutter', 'iOS', 'Android', 'Firebase'],
  },
  {
    key: 'qa',
    name: 'Тестирование',
    parent: 'eng',
    weight: 3,
    headTitle: 'Руководитель тестирования',
    positions: ['QA-инженер', 'Инженер по автоматизации тестирования'],
    skills: ['Автотесты', 'Playwright', 'Selenium', 'Нагрузочное тестирование', 'Python', 'TestOps'],
  },
  {
    key: 'devops',
    name: 'DevOps',
    parent: 'eng',
    weight: 2,
    headTitle: 'Head of Platform',
    positions: ['DevOps Engineer', 'SRE', 'Системный администратор'],
    skills: ['Kubernetes', 'Terraform', 'Ansible', 'Linux', 'Prometheus', 'CI/CD'],
  },
  {
    key: 'product',
    name: 'Продукт',
    weight: 2,
    headTitle: 'Директор по продукту',
    positions: ['Product Manager', 'Product Owner', 'Бизнес-аналитик', 'Системный аналитик'],
    skills: ['Product Discovery', 'CJM', 'SQL', 'A/B-тесты', 'Jira', 'BPMN'],
  },
  {
    key: 'design',
    name: 'Дизайн',
    parent: 'product',
    weight: 3,
    headTitle: 'Арт-директор',
    positions: ['Продуктовый дизайнер', 'UX-исследователь', 'UI Designer'],
    skills: ['Figma', 'UX-исследования', 'Прототипирование', 'Дизайн-системы', 'Illustration'],
  },
  {
    key: 'hr',
    name: 'Персонал',
    weight: 3,
    headTitle: 'HR-директор',
    positions: [
      'HR Business Partner',
      'Рекрутер',
      'Специалист по кадровому делопроизводству',
      'Специалист по обучению',
    ],
    skills: ['Рекрутинг', 'Онбординг', 'Кадровое делопроизводство', 'Оценка персонала', 'Обучение'],
  },
  {
    key: 'finance',
    name: 'Финансы',
    weight: 2,
    headTitle: 'Финансовый директор',
    positions: ['Финансовый аналитик', 'Казначей', 'Финансовый контролёр'],
    skills: ['Финансовое моделирование', 'МСФО', 'Excel', 'Бюджетирование', 'Power BI'],
  },
  {
    key: 'accounting',
    name: 'Бухгалтерия',
    parent: 'finance',
    weight: 3,
    headTitle: 'Главный бухгалтер',
    positions: ['Бухгалтер', 'Бухгалтер по расчёту заработной платы'],
    skills: ['1С:Бухгалтерия', 'Налоговый учёт', 'РСБУ', 'Зарплата и кадры'],
  },
  {
    key: 'legal',
    name: 'Legal',
    weight: 2,
    headTitle: 'General Counsel',
    positions: ['Юрист', 'Corporate Lawyer', 'Специалист по комплаенсу'],
    skills: ['Договорное право', 'Корпоративное право', 'Compliance', '152-ФЗ', 'Intellectual Property'],
  },
  {
    key: 'support',
    name: 'Поддержка клиентов',
    weight: 6,
    headTitle: 'Руководитель службы поддержки',
    positions: ['Специалист поддержки', 'Старший специалист поддержки', 'Customer Success Manager'],
    skills: ['Zendesk', 'Работа с возражениями', 'Customer Success', 'Базы знаний', 'English'],
    city: 'Казань',
  },
];

/** Where people work, weighted by how many work there. */
export const cities: { city: string; offices: string[]; weight: number }[] = [
  { city: 'Москва', offices: ['БЦ «Белая площадь», 5 этаж', 'Москва-Сити, башня «Федерация»'], weight: 10 },
  { city: 'Санкт-Петербург', offices: ['Невский пр., 38'], weight: 4 },
  { city: 'Казань', offices: ['Иннополис, ул. Университетская, 7'], weight: 2 },
  { city: 'Новосибирск', offices: ['Академгородок, Технопарк'], weight: 2 },
  { city: 'Екатеринбург', offices: ['БЦ «Высоцкий»'], weight: 1 },
  { city: 'London', offices: ['Canary Wharf, One Canada Square'], weight: 1 },
];

/** Interests people list on their profiles. */
export const interestsPool = [
  'Бег',
  'Велоспорт',
  'Шахматы',
  'Фотография',
  'Настольные игры',
  'Горные лыжи',
  'Йога',
  'Путешествия',
  'Кулинария',
  'Книги',
  'Театр',
  'Волейбол',
  'Походы',
  'Football',
  'Hiking',
  'Photography',
  'Music',
  'Board games',
  'Climbing',
  'Coffee',
];

/** The names are kept as one string per list: long lists of short words read better that way. */
function words(text: string): string[] {
  return text.split(' ').filter(Boolean);
}

export const russianMale = words(
  'Александр Дмитрий Максим Сергей Андрей Алексей Артём Илья Кирилл Михаил Никита Матвей ' +
    'Роман Егор Арсений Иван Денис Евгений Даниил Тимофей Владислав Игорь Владимир Павел Руслан ' +
    'Марк Константин Тимур Олег Ярослав Антон Николай Глеб Вадим Степан',
);

export const russianFemale = words(
  'Анастасия Мария Анна Виктория Екатерина Наталья Марина Полина София Дарья Алиса Ксения ' +
    'Александра Елена Ольга Татьяна Ирина Юлия Светлана Вера Людмила Валерия Алёна Кристина ' +
    'Евгения Надежда Вероника Ульяна Таисия Милана',
);

/** Surnames in the masculine form; `feminineSurname` derives the feminine one. */
export const russianSurnames = words(
  'Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов ' +
    'Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев ' +
    'Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев ' +
    'Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин ' +
    'Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Комаров Давыдов Беляев ' +
    'Богданов Осипов Титов Марков Миронов Крылов Куликов Власов Мельников Денисов Тихонов ' +
    'Данилов Чернов Вишневский Островский',
);

export const englishMale = words(
  'James Oliver William Jack Harry George Thomas Daniel Michael David Samuel Benjamin Lucas ' + 'Henry Ethan',
);

export const englishFemale = words(
  'Emily Olivia Sophie Charlotte Amelia Jessica Grace Hannah Chloe Lucy Emma Isabella Mia ' + 'Ella Laura',
);

export const englishSurnames = words(
  'Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Anderson Thomas Moore Martin ' +
    'Jackson Thompson White Harris Clark Lewis Robinson Walker Young Hall Allen King Wright ' +
    'Scott Green Baker Adams',
);

/** Иванов → Иванова, Вишневский → Вишневская. */
export function feminineSurname(surname: string): string {
  if (surname.endsWith('ский')) return `${surname.slice(0, -4)}ская`;
  return `${surname}а`;
}

const translit: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** A Latin e-mail-safe spelling of a name (the usual corporate `ivan.petrov`). */
export function latinise(text: string): string {
  return [...text.toLowerCase()].map((c) => translit[c] ?? (/[a-z0-9]/.test(c) ? c : '')).join('');
}
