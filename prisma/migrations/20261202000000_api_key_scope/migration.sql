-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('FULL', 'READ_ONLY', 'RUN_ONLY');

-- AlterTable: "scopes" was never written by the API (always empty); one scope per key replaces it.
ALTER TABLE "api_keys" DROP COLUMN "scopes",
ADD COLUMN "scope" "ApiKeyScope" NOT NULL DEFAULT 'FULL';
