/**
 * How many cases a property runs: the full count, and the learner loop's reduced count while a
 * suite is red (harness/testing/property-runs.ts decides which applies). Here, below both the
 * testing plumbing and the learner's tools, because both name them: the ladder says "passing at 5
 * cases, confirming with 25".
 */
export const FULL_RUNS = 25;
export const WHILE_RED_RUNS = 5;
