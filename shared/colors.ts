// The colours a user picks for a tag or a select option: the web app's palette names (Mantine's),
// so that a colour is a word in the API, the same on every theme, and never arbitrary CSS.
import { Enum } from './types.js';

export const COLORS = [
  'gray',
  'red',
  'pink',
  'grape',
  'violet',
  'indigo',
  'blue',
  'cyan',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
] as const;
export type Color = (typeof COLORS)[number];
export const Color = Enum(COLORS);
