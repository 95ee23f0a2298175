// Filled by the settings feature (web/src/settings/).
export const settings = {
  title: 'Paramètres',
};
