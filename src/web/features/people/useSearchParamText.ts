import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A text filter kept in the URL (`?name=`): typing updates the input at once and the URL
 * after a pause; a change of the URL from elsewhere (the header search) updates the input.
 */
export function useSearchParamText(name: string, delay = 300): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get(name) ?? '';
  const [value, setValue] = useState(fromUrl);
  const lastPushed = useRef(fromUrl);

  const push = useDebouncedCallback((next: string) => {
    lastPushed.current = next.trim();
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next.trim()) updated.set(name, next.trim());
        else updated.delete(name);
        return updated;
      },
      { replace: true },
    );
  }, delay);

  useEffect(() => {
    if (fromUrl !== lastPushed.current) {
      lastPushed.current = fromUrl;
      setValue(fromUrl);
    }
  }, [fromUrl]);

  return [
    value,
    (next: string) => {
      setValue(next);
      push(next);
    },
  ];
}
