-- AlterTable
ALTER TABLE "Order" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Order" ADD COLUMN "nextAttemptAt" DATETIME;
ALTER TABLE "Order" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "Order" ADD COLUMN "claimedUntil" DATETIME;
ALTER TABLE "Order" ADD COLUMN "giveUpAt" DATETIME;

-- DropIndex
DROP INDEX "Order_status_idx";

-- CreateIndex
CREATE INDEX "Order_status_nextAttemptAt_idx" ON "Order"("status", "nextAttemptAt");
