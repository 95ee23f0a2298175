import type { tasks as fr } from '../fr/tasks.js';

export const tasks: Record<keyof typeof fr, string> = {
  title: 'Tasks',
};
