/** Options and exit codes shared by several commands. */
export const TARGETS = ["2.4", "3.4", "3.6"] as const;
export type Target = (typeof TARGETS)[number];

/** The `--target` option; typed as a string, or yargs reads `2.4` as a number that matches no choice. */
export const TARGET_OPTION = { type: "string", choices: TARGETS, default: "3.6", describe: "OpenSIPS version" } as const;

export const EXIT_OK = 0;
/** Some script has error diagnostics. */
export const EXIT_ERRORS = 1;
/** Bad usage, or a file that cannot be read or written. */
export const EXIT_USAGE = 2;
