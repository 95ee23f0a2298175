// Filled by the dashboard feature (web/src/dashboard/).
export const dashboard = {
  title: 'Tableau de bord',
};
