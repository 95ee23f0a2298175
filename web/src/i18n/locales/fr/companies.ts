// Filled by the companies feature (web/src/companies/).
export const companies = {
  title: 'Entreprises',
};
