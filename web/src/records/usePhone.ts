import { useMediaQuery } from '@mantine/hooks';

/** Below this width a list shows cards and folds its filters into a drawer (issue 12). */
export const PHONE_QUERY = '(max-width: 599.98px)';

/**
 * Whether the screen is phone-sized, known from the first render (not after an effect) so that a
 * list does not paint its table and then swap it for cards.
 */
export function usePhone() {
  return useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
}
