-- AlterEnum: executions started by workflow.call / flow.forEach
ALTER TYPE "TriggerType" ADD VALUE 'WORKFLOW';

-- AlterTable: the execution whose node started this one
ALTER TABLE "executions" ADD COLUMN "parentExecutionId" UUID;
CREATE INDEX "executions_parentExecutionId_idx" ON "executions"("parentExecutionId");
ALTER TABLE "executions" ADD CONSTRAINT "executions_parentExecutionId_fkey" FOREIGN KEY ("parentExecutionId") REFERENCES "executions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateTable: one-time callbacks of flow.waitForCallback nodes
CREATE TABLE "execution_callbacks" (
    "id" UUID NOT NULL,
    "executionId" UUID NOT NULL,
    "nodeId" VARCHAR(100) NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'WAITING',
    "data" JSONB,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "execution_callbacks_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "execution_callbacks_tokenHash_key" ON "execution_callbacks"("tokenHash");
CREATE UNIQUE INDEX "execution_callbacks_executionId_nodeId_key" ON "execution_callbacks"("executionId", "nodeId");
ALTER TABLE "execution_callbacks" ADD CONSTRAINT "execution_callbacks_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "executions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
