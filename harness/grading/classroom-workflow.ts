/**
 * Writes .github/workflows/classroom.yml from curriculum.ts, so a kata's points live in one
 * place. After changing the curriculum (a kata, its points), run:
 *
 *   npm run workflow:classroom
 *
 * (a test fails while the committed workflow differs from what this writes).
 * The job runs the suites ONCE (`npm run grade`, which records every test in grade.json); each
 * kata's grader step only reads that record (harness/cli/grade-kata.ts), so a push costs one
 * test run and one set of servers, however many katas the course has.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { curriculum, type Kata } from '../../curriculum.ts';
import { REPO_ROOT } from '../learn/state.ts';

export const WORKFLOW_FILE = '.github/workflows/classroom.yml';

/**
 * The course repository's own name (package.json's): its pushes, like the template's, have every
 * kata as a stub, so the workflow grades neither (a maintainer's push would always fail).
 */
export const COURSE_REPOSITORY_NAME = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }).name;

/** The grading reporter accepts step ids of letters and digits only: '01-user' -> 'kata01user'. */
export const stepId = (kata: Pick<Kata, 'id'>) => `kata${kata.id.replace(/[^A-Za-z0-9]/g, '')}`;

export function classroomWorkflow(katas: readonly Kata[] = curriculum): string {
  const graded = katas.filter((kata) => kata.points > 0);
  const graders = graded.flatMap((kata) => [
    `      - name: Kata ${kata.id}`,
    `        id: ${stepId(kata)}`,
    `        if: \${{ !cancelled() }}`,
    `        uses: classroom-resources/autograding-command-grader@v1`,
    `        with:`,
    `          test-name: ${kata.id}`,
    `          command: node harness/cli/grade-kata.ts ${kata.id}`,
    `          timeout: 1`,
    `          max-score: ${kata.points}`,
    ``,
  ]);
  return `# GENERATED from curriculum.ts by \`npm run workflow:classroom\`: change the curriculum, then rerun it.
#
# Grading for the students' repositories (GitHub Classroom's grading actions, or any repository).
# The suites run once (\`npm run grade\`: partial credit per exercise in the job summary, every test
# recorded in grade.json); then one all-or-nothing step per kata (the classic Classroom score)
# reads that record. The tests start MySQL 8.4 and Kafka in Docker, which GitHub's runners have.
#
# Optional, for instructors (see the README, "For instructors"):
#   - repository or organisation variable TEMPLATE_REPOSITORY (owner/name of the assignment's
#     template): the graded files (suites, harness, configuration) are restored from the template
#     version the student's repository was made from, before grading;
#   - secret TEMPLATE_TOKEN: a token that can read a PRIVATE template's contents.
# When the restore cannot run, grading goes on with the repository's own files and says so.
#
# Like the workflows GitHub Classroom generates: it also runs on repository_dispatch (Classroom's
# "re-run autograding"), and not for the github-classroom[bot] pushes that create a student's
# repository. It grades student repositories only: not the template (is_template) nor the course
# repository (${COURSE_REPOSITORY_NAME}), where every kata is a stub.
# Do NOT add autograding tests in Classroom's assignment settings: Classroom then overwrites this
# file with its own, and this grading is gone (github-education-resources/autograding#20).
name: Autograding

on:
  push:
  repository_dispatch:
  workflow_dispatch:

permissions:
  contents: read

jobs:
  grade:
    if: \${{ github.actor != 'github-classroom[bot]' && !github.event.repository.is_template && github.event.repository.name != '${COURSE_REPOSITORY_NAME}' }}
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v5.0.0

      - uses: actions/setup-node@v5.0.0
        with:
          node-version: 24

      - name: Restore the graded files from the template
        id: restore
        if: \${{ vars.TEMPLATE_REPOSITORY != '' }}
        continue-on-error: true
        timeout-minutes: 5
        env:
          TEMPLATE_REPOSITORY: \${{ vars.TEMPLATE_REPOSITORY }}
          TEMPLATE_TOKEN: \${{ secrets.TEMPLATE_TOKEN }}
        run: |
          auth=""
          if [ -n "$TEMPLATE_TOKEN" ]; then auth="x-access-token:$TEMPLATE_TOKEN@"; fi
          git clone --quiet --filter=blob:none "https://\${auth}github.com/\${TEMPLATE_REPOSITORY}.git" "$RUNNER_TEMP/template"
          node "$RUNNER_TEMP/template/harness/cli/restore-graded.ts" "$RUNNER_TEMP/template" "$GITHUB_WORKSPACE"

      - name: Say that the graded files could not be restored
        if: \${{ steps.restore.outcome == 'failure' }}
        run: |
          {
            echo "### ⚠ The graded files were NOT restored from the template"
            echo ""
            echo "The step \\"Restore the graded files from the template\\" failed (see its log: a private template needs the TEMPLATE_TOKEN secret)."
            echo "Grading continues with this repository's own files; the fingerprint check below names every graded file that differs."
          } >> "$GITHUB_STEP_SUMMARY"

      - name: Install
        run: npm ci --no-audit --no-fund

      - name: Run the tests once (partial credit per exercise)
        id: tests
        timeout-minutes: 20
        run: npm run grade

${graders.join('\n')}      - name: Report
        if: \${{ !cancelled() }}
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
${graded.map((kata) => `          ${stepId(kata).toUpperCase()}_RESULTS: "\${{ steps.${stepId(kata)}.outputs.result }}"`).join('\n')}
        with:
          runners: ${graded.map(stepId).join(',')}
`;
}

if (import.meta.main) {
  writeFileSync(join(REPO_ROOT, WORKFLOW_FILE), classroomWorkflow());
  console.log(`wrote ${WORKFLOW_FILE} from curriculum.ts`);
}
