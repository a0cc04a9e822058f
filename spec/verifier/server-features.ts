/**
 * Tests that are right to skip on some servers. A suite may skip a test when the server it runs
 * on has no such feature (MySQL has no uca1400 collations); to verify, a skip is otherwise a test
 * that did not run, and fails the check. A skip is excused only when it is declared here AND
 * verify, asking the server itself, finds the feature missing: the same skip on a server that
 * has the feature still fails. Nothing else is loosened.
 */
import mysql from 'mysql2/promise';
import type { TestOutcome } from '../../harness/results/outcomes.ts';

export type ServerFeature = {
  /** what the server lacks, as the table says it */
  feature: string;
  /** the skipping test: its file and a pattern of its full name */
  file: string;
  test: RegExp;
  /** a statement that uses the feature, and the server error that says the feature is missing */
  probe: string;
  missingErrno: number;
};

export const SERVER_FEATURES: readonly ServerFeature[] = [
  {
    feature: 'no uca1400 collations',
    file: 'harness/testing/introspect.test.ts',
    test: /utf8mb4_uca1400_ai_ci/,
    probe: "SELECT CONVERT('a' USING utf8mb4) COLLATE utf8mb4_uca1400_ai_ci",
    // ER_UNKNOWN_COLLATION, the error the test skips on
    missingErrno: 1273,
  },
];

/** The declared features this server lacks, asked of the server itself. */
export async function missingFeatures(url: string, features: readonly ServerFeature[] = SERVER_FEATURES): Promise<ServerFeature[]> {
  const connection = await mysql.createConnection({ uri: url });
  try {
    const missing: ServerFeature[] = [];
    for (const feature of features) {
      // any other error is not an answer: it propagates
      const lacks = await connection.query(feature.probe).then(
        () => false,
        (error: { errno?: number }) => {
          if (error.errno === feature.missingErrno) return true;
          throw error;
        },
      );
      if (lacks) missing.push(feature);
    }
    return missing;
  } finally {
    await connection.end();
  }
}

/** The feature a skipped outcome is excused by on this server, if any. */
export function excuseFor(outcome: TestOutcome, missing: readonly ServerFeature[]): ServerFeature | undefined {
  if (outcome.status !== 'skipped' || outcome.setup) return undefined;
  return missing.find((feature) => feature.file === outcome.file && feature.test.test(outcome.name));
}
