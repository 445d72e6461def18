/**
 * npm run user:create -- --email admin@hel.fi --name "Maija Meikäläinen" --role admin [--role official --department kymp]
 *                        [--kehra-group 3] [--password-stdin]
 * --name is required for the roles shown publicly (official, admin, moderator, kehra): the name is
 * what residents see, never the address.
 * Creates an account (or adds roles to an existing one). Without --password-stdin no password is
 * set: a one-hour set-password link is printed instead, so no password lands in shell history.
 */
import { parseArgs } from 'node:util';
import { resolveAuthOptions } from '../server/src/auth/auth-options.js';
import { requestPasswordReset } from '../server/src/auth/auth.service.js';
import { consoleMailer } from '../server/src/auth/mailer.js';
import { hashPassword } from '../server/src/auth/passwords.js';
import { systemActor } from '../server/src/audit/audit.service.js';
import { DisplayName, Email, NAMED_ROLES, NewPassword, Role } from '../server/src/contracts/auth.js';
import { createOrGrant } from '../server/src/users/users.service.js';
import { withDatabase } from './cli.js';

const usage = `Usage: npm run user:create -- --email <address> [--name <display name>] [--role <role>]... [--department <slug>]...
       [--kehra-group <id>]... [--password-stdin]
  roles: ${Role.options.join(', ')} (resident is always included)
  --name is required with the roles ${NAMED_ROLES.join(', ')}: it is shown publicly instead of the e-mail address`;

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string', multiple: true, default: [] },
    department: { type: 'string', multiple: true, default: [] },
    'kehra-group': { type: 'string', multiple: true, default: [] },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.email) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
const email = Email.safeParse(values.email).data ?? fail(`Not a valid e-mail address: ${values.email}`);
const roles = values.role.map((r) => Role.safeParse(r).data ?? fail(`Unknown role ${r}\n${usage}`));
const kehraGroups = values['kehra-group'].map((g) => (/^\d+$/.test(g) ? Number(g) : fail(`Kehrä groups are numeric ids: ${g}`)));
const named = roles.filter((r) => (NAMED_ROLES as readonly string[]).includes(r));
if (named.length && values.name === undefined) {
  fail(`--name is required with the role ${named.join(', ')}: it is shown publicly instead of the e-mail address\n${usage}`);
}
const displayName =
  values.name === undefined
    ? null
    : (DisplayName.safeParse(values.name).data ??
      fail(`Invalid --name: ${DisplayName.safeParse(values.name).error?.issues[0]?.message}`));
const password = values['password-stdin'] ? await readStdin() : null;
if (password !== null && !NewPassword.safeParse(password).success) fail('The password must be 10–256 characters');

await withDatabase(
  async (knex, config) => {
    const auth = resolveAuthOptions({ ...config.auth, mailer: consoleMailer });
    const passwordHash = password === null ? null : await hashPassword(password, auth.scryptLogN);
    const { user, created } = await createOrGrant(knex, systemActor('cli:user-create'), {
      email,
      displayName,
      passwordHash,
      roles,
      departments: values.department,
      kehraGroups,
    });
    console.log(
      `${created ? 'Created' : 'Updated'} user ${user.id} <${user.email}>: roles ${user.roles.join(', ')}` +
        (user.departments.length ? `; departments ${user.departments.map((d) => d.slug).join(', ')}` : '') +
        (user.kehraGroups.length ? `; Kehrä groups ${user.kehraGroups.map((g) => g.name).join(', ')}` : ''),
    );
    if (password === null && created) {
      console.log('No password set. Open this link within an hour to choose one:');
      await requestPasswordReset(knex, { ...auth, mailer: { send: async (m) => console.log(m.text.split('\n')[1]) } }, email);
    }
  },
  { failure: 'Could not create the user' },
);
