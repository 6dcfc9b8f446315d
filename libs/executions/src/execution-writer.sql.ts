// The whole grouped commit is ONE statement (data-modifying CTEs): one round trip, its own implicit
// transaction, and foreign keys checked at the end of the statement, when the inserted executions exist.
// $1–$16: executions to insert; $17–$23: executions to update; $24–$37: steps to upsert.
// The jsonb columns come as one JSON array each (see jsonArray in execution-writer.service.ts), JSON null
// standing for SQL NULL. Returns the ids of the executions inserted or updated.

const jsonbColumn = (param: number) =>
  `ARRAY(SELECT NULLIF(e, 'null') FROM jsonb_array_elements($${param}::jsonb) WITH ORDINALITY AS a(e, i) ORDER BY i)`;

export const FLUSH_EXECUTIONS = `
WITH inserted AS (
  INSERT INTO "executions" ("id", "workflowId", "workflowVersionId", "userId", "status", "trigger", "input", "output", "error", "attempt",
    "retryOfId", "idempotencyKey", "queuedAt", "startedAt", "finishedAt", "durationMs", "createdAt", "updatedAt")
  SELECT u.id, u.wf, u.ver, u.usr, u.status::"ExecutionStatus", u.trig::"TriggerType", u.input, u.output, u.error, u.attempt,
    u.retry, u.idem, u.queued, u.started, u.finished, u.dur, u.queued, now()
  FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], ${jsonbColumn(7)}, ${jsonbColumn(8)}, $9::text[], $10::int[],
    $11::uuid[], $12::text[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::int[])
    AS u(id, wf, ver, usr, status, trig, input, output, error, attempt, retry, idem, queued, started, finished, dur)
  ON CONFLICT DO NOTHING
  RETURNING "id"
),
-- Never moves an execution out of a final state: a cancel that won stays cancelled.
updated AS (
  UPDATE "executions" AS e SET "status" = u.status::"ExecutionStatus", "output" = u.output, "error" = u.error,
    "startedAt" = u.started, "finishedAt" = u.finished, "durationMs" = u.dur, "updatedAt" = now()
  FROM unnest($17::uuid[], $18::text[], ${jsonbColumn(19)}, $20::text[], $21::timestamptz[], $22::timestamptz[], $23::int[])
    AS u(id, status, output, error, started, finished, dur)
  WHERE e.id = u.id AND e."status" NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT')
  RETURNING e."id"
),
-- One record per (execution, node): a redelivered job overwrites its earlier attempt.
stepped AS (
INSERT INTO "execution_steps" ("id", "executionId", "nodeId", "nodeType", "sequence", "status", "attempt", "input", "output", "error",
  "startedAt", "finishedAt", "durationMs", "attempts", "createdAt")
SELECT u.id, u.eid, u.nid, u.ntype, u.seq, u.status::"StepStatus", u.attempt, u.input, u.output, u.error,
  u.started, u.finished, u.dur, u.attempts, now()
FROM unnest($24::uuid[], $25::text[], $26::text[], $27::int[], $28::text[], $29::int[], ${jsonbColumn(30)}, ${jsonbColumn(31)}, $32::text[],
  $33::timestamptz[], $34::timestamptz[], $35::int[], ${jsonbColumn(36)}, $37::uuid[])
  AS u(eid, nid, ntype, seq, status, attempt, input, output, error, started, finished, dur, attempts, id)
-- OFFSET 0 keeps the EXISTS a lookup per step: without it the planner may hash all of executions instead.
WHERE u.eid IN (SELECT "id" FROM inserted) OR EXISTS (SELECT 1 FROM "executions" e WHERE e.id = u.eid OFFSET 0)
ON CONFLICT ("executionId", "nodeId") DO UPDATE SET "nodeType" = EXCLUDED."nodeType", "sequence" = EXCLUDED."sequence",
  "status" = EXCLUDED."status", "attempt" = EXCLUDED."attempt", "input" = EXCLUDED."input", "output" = EXCLUDED."output",
  "error" = EXCLUDED."error", "startedAt" = EXCLUDED."startedAt", "finishedAt" = EXCLUDED."finishedAt", "durationMs" = EXCLUDED."durationMs",
  "attempts" = EXCLUDED."attempts"
)
-- The executions this statement really changed (not those a final state protected), for live updates.
SELECT "id" FROM inserted UNION SELECT "id" FROM updated`;
