-- Every attempt of a step (number, start, duration, error), and where a reused step's output came from.
ALTER TABLE "execution_steps" ADD COLUMN "attempts" JSONB;
ALTER TABLE "execution_steps" ADD COLUMN "reusedFromExecutionId" UUID;

-- Retries form a chain from one origin execution: attempt numbers count up along it, never twice the same.
ALTER TABLE "executions" ADD COLUMN "retryRootId" UUID;

WITH RECURSIVE chain AS (
  SELECT "id", "id" AS root FROM "executions" WHERE "retryOfId" IS NULL
  UNION ALL
  SELECT e."id", c.root FROM "executions" e JOIN chain c ON e."retryOfId" = c."id"
),
numbered AS (
  SELECT e."id", c.root, 1 + row_number() OVER (PARTITION BY c.root ORDER BY e."queuedAt", e."id") AS attempt
  FROM chain c JOIN "executions" e ON e."id" = c."id"
  WHERE c."id" <> c.root
)
UPDATE "executions" e SET "retryRootId" = n.root, "attempt" = n.attempt FROM numbered n WHERE e."id" = n."id";

-- CreateIndex
CREATE UNIQUE INDEX "executions_retryRootId_attempt_key" ON "executions"("retryRootId", "attempt");
