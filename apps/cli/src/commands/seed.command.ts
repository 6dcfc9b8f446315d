import { randomBytes } from 'node:crypto';
import { hash } from 'argon2';
import { Command } from 'commander';
import { PrismaPg } from '@prisma/adapter-pg';
import { loadConfigOrExit } from '@app/config';
import { PrismaClient } from '@app/database';

/** Development data: an admin user (password printed once) to log in with. Idempotent. */
export function seedCommand(): Command {
  return new Command('seed').description('Create a development admin user (SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD)').action(async () => {
    const config = loadConfigOrExit();
    if (config.isProduction) throw new Error('seed is for development and test databases; refusing in production');
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.database.DATABASE_URL }) });
    try {
      const email = process.env.SEED_ADMIN_EMAIL ?? 'admin@example.com';
      const password = process.env.SEED_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
      const existing = await prisma.user.findUnique({ where: { email } });
      if (existing) {
        console.log(`Seed: ${email} already exists; nothing to do`);
        return;
      }
      await prisma.user.create({ data: { email, name: 'Admin', role: 'ADMIN', tier: 'ADMIN', passwordHash: await hash(password) } });
      console.log(`Seed: created ${email} with password ${password}`);
    } finally {
      await prisma.$disconnect();
    }
  });
}
