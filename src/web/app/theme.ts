import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from '@mantine/core';

/**
 * The company's primary colour, light to dark. Branding (A2) will later replace this one tuple
 * with the colours an administrator picks; nothing else in the app names a colour directly.
 */
const brand: MantineColorsTuple = [
  '#e7f4f8',
  '#d1e7ee',
  '#a3cedd',
  '#71b3cb',
  '#489dbc',
  '#2f8fb3',
  '#2183a9',
  '#176f91',
  '#0e6282',
  '#005372',
];

/** Atrium's Mantine theme: calm, corporate, system fonts only (no external font loads). */
export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 7, dark: 5 },
  colors: { brand },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // Required inputs stay `required` (announced by screen readers) without a " *" in the label
    // text: a label then reads exactly as written, for people and for `getByLabel` in tests.
    ...Object.fromEntries(
      ['TextInput', 'PasswordInput', 'Textarea', 'TagsInput', 'Autocomplete', 'NumberInput', 'FileInput'].map(
        (name) => [name, { defaultProps: { withAsterisk: false } }],
      ),
    ),
    // Choosing the selected option again keeps it; `clearable` is the explicit way to clear.
    Select: { defaultProps: { withAsterisk: false, allowDeselect: false } },
    // Counts and statuses read calmer in sentence case, especially in Russian.
    Badge: { styles: { root: { textTransform: 'none', letterSpacing: 0, fontWeight: 600 } } },
  },
});

/** A slightly tinted page background so cards stand out. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-body': '#f6f8fa' },
  dark: {},
});
