-- Names are unique regardless of letter case and surrounding spaces: each row keeps its name
-- folded (trimmed, lower case) in a key column written by lib/store/names.ts, under a unique index.
ALTER TABLE "MenuItem" ADD COLUMN "titleKey" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Franchise" ADD COLUMN "nameKey" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Store" ADD COLUMN "nameKey" TEXT NOT NULL DEFAULT '';

UPDATE "MenuItem" SET "titleKey" = LOWER(TRIM("title"));
UPDATE "Franchise" SET "nameKey" = LOWER(TRIM("name"));
UPDATE "Store" SET "nameKey" = LOWER(TRIM("name"));

-- Lookalikes created before this migration are kept: the later ones get their id appended to
-- the key, so they stay distinct while the first one blocks new lookalikes.
UPDATE "MenuItem" SET "titleKey" = "titleKey" || '#' || "id"
WHERE EXISTS (SELECT 1 FROM "MenuItem" AS "other" WHERE "other"."titleKey" = "MenuItem"."titleKey" AND "other"."id" < "MenuItem"."id");
UPDATE "Franchise" SET "nameKey" = "nameKey" || '#' || "id"
WHERE "closedAt" IS NULL
  AND EXISTS (SELECT 1 FROM "Franchise" AS "other" WHERE "other"."closedAt" IS NULL AND "other"."nameKey" = "Franchise"."nameKey" AND "other"."id" < "Franchise"."id");
UPDATE "Store" SET "nameKey" = "nameKey" || '#' || "id"
WHERE "closedAt" IS NULL
  AND EXISTS (
    SELECT 1 FROM "Store" AS "other"
    WHERE "other"."closedAt" IS NULL AND "other"."franchiseId" = "Store"."franchiseId" AND "other"."nameKey" = "Store"."nameKey" AND "other"."id" < "Store"."id"
  );

CREATE UNIQUE INDEX "MenuItem_titleKey_key" ON "MenuItem"("titleKey");

-- As before, a closed franchise's or store's name can be used again.
DROP INDEX "Franchise_open_name_key";
CREATE UNIQUE INDEX "Franchise_open_nameKey_key" ON "Franchise"("nameKey") WHERE "closedAt" IS NULL;
CREATE UNIQUE INDEX "Store_open_nameKey_key" ON "Store"("franchiseId", "nameKey") WHERE "closedAt" IS NULL;
