-- CreateTable
CREATE TABLE "LatencyBucket" (
    "resolution" INTEGER NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "timeouts" INTEGER NOT NULL,
    "sumMs" DOUBLE PRECISION NOT NULL,
    "maxMs" DOUBLE PRECISION NOT NULL,
    "sketch" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LatencyBucket_pkey" PRIMARY KEY ("resolution","bucketStart","kind","series","method","status","origin","instanceId")
);

-- CreateTable
CREATE TABLE "TelemetryInstance" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,
    "factoryInFlight" INTEGER NOT NULL,
    "factoryOldestStartedAt" TIMESTAMP(3),
    "requestsInFlight" INTEGER NOT NULL,
    "requestsOldestStartedAt" TIMESTAMP(3),
    "breakerState" TEXT NOT NULL,
    "breakerSince" TIMESTAMP(3) NOT NULL,
    "probeAt" TIMESTAMP(3),
    "probeMs" DOUBLE PRECISION,
    "probeStatus" TEXT,

    CONSTRAINT "TelemetryInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TelemetryLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TelemetryLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "LatencyBucket_resolution_kind_series_bucketStart_idx" ON "LatencyBucket"("resolution", "kind", "series", "bucketStart");

-- CreateIndex
CREATE INDEX "TelemetryInstance_seenAt_idx" ON "TelemetryInstance"("seenAt");
