// Filled by the tasks feature (web/src/tasks/).
export const tasks = {
  title: 'Tâches',
};
