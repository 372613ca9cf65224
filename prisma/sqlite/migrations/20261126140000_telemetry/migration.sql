-- CreateTable
CREATE TABLE "LatencyBucket" (
    "resolution" INTEGER NOT NULL,
    "bucketStart" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "timeouts" INTEGER NOT NULL,
    "sumMs" REAL NOT NULL,
    "maxMs" REAL NOT NULL,
    "sketch" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("resolution", "bucketStart", "kind", "series", "method", "status", "origin", "instanceId")
);

-- CreateTable
CREATE TABLE "TelemetryInstance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "seenAt" DATETIME NOT NULL,
    "factoryInFlight" INTEGER NOT NULL,
    "factoryOldestStartedAt" DATETIME,
    "requestsInFlight" INTEGER NOT NULL,
    "requestsOldestStartedAt" DATETIME,
    "breakerState" TEXT NOT NULL,
    "breakerSince" DATETIME NOT NULL,
    "probeAt" DATETIME,
    "probeMs" REAL,
    "probeStatus" TEXT
);

-- CreateTable
CREATE TABLE "TelemetryLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "LatencyBucket_resolution_kind_series_bucketStart_idx" ON "LatencyBucket"("resolution", "kind", "series", "bucketStart");

-- CreateIndex
CREATE INDEX "TelemetryInstance_seenAt_idx" ON "TelemetryInstance"("seenAt");
