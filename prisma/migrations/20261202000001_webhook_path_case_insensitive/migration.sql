-- Webhook paths are unique regardless of case: /webhook/Orders and /webhook/orders must not be two
-- different workflows. Lookups stay exact (the path as saved).

-- Clashes saved before this rule: the earliest registration keeps the path.
DELETE FROM "webhooks" w
USING "webhooks" older
WHERE lower(w."path") = lower(older."path")
  AND (older."createdAt", older."id") < (w."createdAt", w."id");

-- CreateIndex
CREATE UNIQUE INDEX "webhooks_path_lower_key" ON "webhooks"(lower("path"));
