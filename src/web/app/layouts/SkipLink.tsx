import { useTranslation } from 'react-i18next';
import classes from './SkipLink.module.css';

/** The first Tab stop: jumps past the header and navigation to the page itself. */
export function SkipLink({ target }: { target: string }) {
  const { t } = useTranslation();
  return (
    <a href={`#${target}`} className={classes.skip}>
      {t('nav.skipToContent')}
    </a>
  );
}
