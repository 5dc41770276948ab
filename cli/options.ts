/** Options shared by several commands. */
export const TARGETS = ["2.4", "3.4", "3.6"] as const;
export type Target = (typeof TARGETS)[number];
