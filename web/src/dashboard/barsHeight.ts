/** The pipeline chart's height for that many stages; its placeholder, shown while it loads, takes the same. */
export const barsHeight = (stages: number) => Math.max(220, 56 + stages * 52);
