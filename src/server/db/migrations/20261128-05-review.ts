import { sql, type Kysely } from 'kysely';
import { interviewSeconds, questionnaireSchema, uniformAnswers, type Questionnaire } from '../../../shared';

/**
 * Review of received responses (issue 5): what a reviewer filters on is stored with the response when it arrives
 * (its duration, straight-lined answers), exclusion carries its reason and reviewer, and duplicate paper serials are
 * found through an index. Campaign settings changed at run time (deadlines, thresholds, payment rates) get a table.
 * Responses already stored are backfilled from their questionnaire.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('responses').addColumn('duration_seconds', 'integer').execute();
  await db.schema
    .alterTable('responses')
    .addColumn('uniform_answers', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('responses').addColumn('excluded_reason', 'text').execute();
  await db.schema.alterTable('responses').addColumn('reviewed_by', 'text').execute();
  await db.schema.alterTable('responses').addColumn('reviewed_at', 'text').execute();
  await db.schema
    .createIndex('responses_paper_serial')
    .on('responses')
    .columns(['campaign_id', 'unit_id', 'group_id', 'paper_serial'])
    .where(sql.ref('paper_serial'), 'is not', null)
    .execute();
  await db.schema
    .createTable('campaign_settings')
    .addColumn('campaign_id', 'text', (c) => c.primaryKey().references('campaigns.id'))
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await backfill(db);
}

interface Row {
  id: string;
  campaign_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  started_at: string;
  finished_at: string;
  answers_json: string;
}

async function backfill(db: Kysely<unknown>): Promise<void> {
  const versions = await sql<{ campaign_id: string; questionnaire_id: string; version: number; definition_json: string }>`
    select campaign_id, questionnaire_id, version, definition_json from questionnaire_versions`.execute(db);
  const questionnaires = new Map<string, Questionnaire>();
  for (const v of versions.rows)
    questionnaires.set(`${v.campaign_id}/${v.questionnaire_id}@${v.version}`, questionnaireSchema.parse(JSON.parse(v.definition_json)));
  let after = '';
  for (;;) {
    const rows = (
      await sql<Row>`select id, campaign_id, questionnaire_id, questionnaire_version, started_at, finished_at, answers_json
        from responses where id > ${after} order by id limit 1000`.execute(db)
    ).rows;
    if (rows.length === 0) return;
    for (const r of rows) {
      const q = questionnaires.get(`${r.campaign_id}/${r.questionnaire_id}@${r.questionnaire_version}`);
      const uniform = q && uniformAnswers(q, JSON.parse(r.answers_json)) ? 1 : 0;
      await sql`update responses set duration_seconds = ${interviewSeconds(r.started_at, r.finished_at)}, uniform_answers = ${uniform} where id = ${r.id}`.execute(
        db,
      );
    }
    after = rows[rows.length - 1]!.id;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_settings').execute();
  await db.schema.dropIndex('responses_paper_serial').execute();
  for (const column of ['reviewed_at', 'reviewed_by', 'excluded_reason', 'uniform_answers', 'duration_seconds']) {
    await db.schema.alterTable('responses').dropColumn(column).execute();
  }
}
