-- AlterTable
ALTER TABLE "FactorySigningKey" ADD COLUMN     "signingFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "FactoryConfigVersion" (
    "version" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "diff" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "revertsTo" INTEGER,
    "endToken" TEXT,

    CONSTRAINT "FactoryConfigVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "FactoryWebhook" (
    "id" SERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FactoryWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FactoryWebhookDelivery" (
    "id" SERIAL NOT NULL,
    "webhookId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "FactoryWebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConfigChangeEvent" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "diff" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "appliedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConfigChangeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FactoryConfigVersion_endToken_key" ON "FactoryConfigVersion"("endToken");

-- CreateIndex
CREATE UNIQUE INDEX "FactoryWebhook_url_key" ON "FactoryWebhook"("url");

-- CreateIndex
CREATE INDEX "FactoryWebhookDelivery_status_nextAttemptAt_idx" ON "FactoryWebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "FactoryWebhookDelivery_webhookId_idx" ON "FactoryWebhookDelivery"("webhookId");

-- CreateIndex
CREATE INDEX "ConfigChangeEvent_appliedAt_idx" ON "ConfigChangeEvent"("appliedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConfigChangeEvent_source_version_type_key" ON "ConfigChangeEvent"("source", "version", "type");

-- AddForeignKey
ALTER TABLE "FactoryWebhookDelivery" ADD CONSTRAINT "FactoryWebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "FactoryWebhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;
