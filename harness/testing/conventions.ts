/** File-naming conventions the harness relies on. */

/** Files with this suffix talk to Kafka; a run that selects none of them starts no Kafka. */
export const END_TO_END_SUFFIX = '.e2e.test.ts';
