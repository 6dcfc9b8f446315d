-- CreateIndex: the workflow list's run history (newest runs per workflow, one LATERAL top-N per listed workflow)
CREATE INDEX "executions_workflowId_createdAt_id_idx" ON "executions"("workflowId", "createdAt", "id");
