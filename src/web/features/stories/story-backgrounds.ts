import type { storyBackgrounds } from '../../../shared/api/stories.js';

/** How each story background looks; text on them is white. */
export const storyBackgroundCss: Record<(typeof storyBackgrounds)[number], string> = {
  sunrise: 'linear-gradient(135deg, #f76b1c 0%, #c2185b 100%)',
  ocean: 'linear-gradient(135deg, #0e6282 0%, #1c3f94 100%)',
  forest: 'linear-gradient(135deg, #2b7a4b 0%, #14532d 100%)',
  berry: 'linear-gradient(135deg, #8e24aa 0%, #4a148c 100%)',
  graphite: 'linear-gradient(135deg, #495057 0%, #212529 100%)',
  sand: 'linear-gradient(135deg, #a9712b 0%, #6d4c1d 100%)',
};
