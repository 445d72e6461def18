import type { Knex } from 'knex';

/**
 * What residents do around ideas: vote, comment, follow, offer to take part, report. Moderation
 * hides with a public reason and keeps the text; notifications are an in-app list per account.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE idea_votes (
      idea_id    integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      user_id    integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (idea_id, user_id)
    )`);
  await knex.raw(`
    CREATE TABLE idea_comments (
      id             serial PRIMARY KEY,
      idea_id        integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      parent_id      integer REFERENCES idea_comments(id),
      author_user_id integer REFERENCES users(id) ON DELETE SET NULL,
      body           text NOT NULL,
      created_at     timestamptz NOT NULL DEFAULT now(),
      edited_at      timestamptz,
      hidden_at      timestamptz,
      hidden_reason  text
    )`);
  await knex.raw('CREATE INDEX idea_comments_idea_idx ON idea_comments (idea_id, id)');
  await knex.raw(`
    CREATE TABLE idea_follows (
      idea_id    integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      user_id    integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (idea_id, user_id)
    )`);
  await knex.raw(`
    CREATE TABLE idea_participants (
      idea_id    integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      user_id    integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      message    text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (idea_id, user_id)
    )`);
  await knex.raw(`
    CREATE TABLE content_reports (
      id               serial PRIMARY KEY,
      target_type      text NOT NULL CHECK (target_type IN ('idea', 'comment')),
      target_id        integer NOT NULL,
      reporter_user_id integer REFERENCES users(id) ON DELETE SET NULL,
      reason           text NOT NULL,
      status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'hidden', 'dismissed')),
      handled_by       integer REFERENCES users(id) ON DELETE SET NULL,
      handled_at       timestamptz,
      created_at       timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw(`CREATE INDEX content_reports_open_idx ON content_reports (status, id)`);
  await knex.raw(`
    CREATE TABLE notifications (
      id         serial PRIMARY KEY,
      user_id    integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind       text NOT NULL,
      idea_id    integer REFERENCES ideas(id) ON DELETE CASCADE,
      payload    jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at    timestamptz
    )`);
  await knex.raw('CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC)');
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['notifications', 'content_reports', 'idea_participants', 'idea_follows', 'idea_comments', 'idea_votes']) {
    await knex.raw(`DROP TABLE IF EXISTS ${t}`);
  }
}
