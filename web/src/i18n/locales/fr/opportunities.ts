// Filled by the opportunities feature (web/src/opportunities/).
export const opportunities = {
  title: 'Opportunités',
};
