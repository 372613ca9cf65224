-- Paying is idempotent: one order per diner and checkout key (keys sent by the browser).
-- AlterTable
ALTER TABLE "Order" ADD COLUMN "checkoutKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Order_dinerId_checkoutKey_key" ON "Order"("dinerId", "checkoutKey");
