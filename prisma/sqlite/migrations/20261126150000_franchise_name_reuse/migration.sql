-- A closed franchise's name can be used again: names are unique among open franchises only.
DROP INDEX "Franchise_name_key";

CREATE UNIQUE INDEX "Franchise_open_name_key" ON "Franchise"("name") WHERE "closedAt" IS NULL;
