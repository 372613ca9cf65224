-- RedefineTable (SQLite cannot add a column whose default is CURRENT_TIMESTAMP)
CREATE TABLE "new_FactorySigningKey" (
    "kid" TEXT NOT NULL PRIMARY KEY,
    "privateJwk" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signingFrom" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME
);
INSERT INTO "new_FactorySigningKey" ("kid", "privateJwk", "publicJwk", "createdAt", "signingFrom", "retiredAt")
SELECT "kid", "privateJwk", "publicJwk", "createdAt", "createdAt", "retiredAt" FROM "FactorySigningKey";
DROP TABLE "FactorySigningKey";
ALTER TABLE "new_FactorySigningKey" RENAME TO "FactorySigningKey";

-- CreateTable
CREATE TABLE "FactoryConfigVersion" (
    "version" INTEGER NOT NULL PRIMARY KEY,
    "document" TEXT NOT NULL,
    "diff" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "revertsTo" INTEGER,
    "endToken" TEXT
);

-- CreateTable
CREATE TABLE "FactoryWebhook" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "FactoryWebhookDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "webhookId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    CONSTRAINT "FactoryWebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "FactoryWebhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConfigChangeEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "diff" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "appliedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
