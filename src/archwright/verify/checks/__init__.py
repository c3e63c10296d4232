"""Every built-in check, listed explicitly in checklist order (anti-over-engineering last).

Registration happens only in :func:`archwright.verify.registry.default_registry` from this list;
importing a check module registers nothing.
"""

from __future__ import annotations

from archwright.verify.base import Check
from archwright.verify.checks import (
    api,
    artifacts,
    cicd,
    completeness,
    consistency,
    observability,
    overengineering,
    scalability,
    schema,
    security,
)

ALL_CHECKS: list[type[Check]] = [
    # completeness
    completeness.SectionsPresent,
    completeness.TechStackNoEmptyRows,
    completeness.TechStackRequiredRows,
    completeness.EnvironmentsDefined,
    completeness.EndpointsSpecified,
    completeness.EntitiesHaveTables,
    completeness.ErdCoversEntities,
    completeness.ObservabilityNotSkipped,
    # API contract
    api.RequestResponseSchemas,
    api.PathParamsDeclared,
    api.MinErrorResponses,
    api.StandardErrors,
    api.SideEffectsDocumented,
    api.ErrorEnvelopeConsistent,
    api.VersionedPaths,
    api.PaginationOnLists,
    api.IdempotencyOnMoneyWrites,
    api.NoSensitiveQueryParams,
    api.AuthEndpointsStrictRateLimit,
    api.WebSocketProtocolComplete,
    api.GovernanceComplete,
    # schema
    schema.UuidPrimaryKey,
    schema.Timestamps,
    schema.Timestamptz,
    schema.ForeignKeysIndexed,
    schema.MoneyAsInteger,
    schema.PiiMarked,
    schema.MigrationStrategyDefined,
    schema.PiiLifecycle,
    schema.IndexesValid,
    schema.EnumTypesDefined,
    schema.SoftDeleteColumn,
    schema.IndexMethodFitsType,
    # security
    security.AuthFullySpecified,
    security.TokenStorageHttpOnly,
    security.RolesHavePermissions,
    security.EndpointRolesExist,
    security.TlsSpecified,
    security.OwaspTop10,
    security.SecretsManagement,
    security.RateLimitsDefined,
    security.NoSecretsInResponses,
    security.MfaForSensitiveData,
    security.SecurityHeaders,
    security.SensitiveFieldsEncrypted,
    security.CorsAllowList,
    # scalability
    scalability.CacheCoversReads,
    scalability.CacheInvalidation,
    scalability.QueueWhenNeeded,
    scalability.JobReliability,
    scalability.CircuitBreakers,
    scalability.DatabaseScalingPath,
    # observability
    observability.StructuredLogging,
    observability.RedMetrics,
    observability.UseMetrics,
    observability.BusinessMetrics,
    observability.CriticalAlertsHaveRunbooks,
    observability.IncidentSeverities,
    observability.TracingWhenDistributed,
    # CI/CD
    cicd.PipelineOrder,
    cicd.CoverageGate,
    cicd.SecurityScanning,
    cicd.StagingAutoProductionApproval,
    cicd.RollbackDefined,
    cicd.InfrastructureAsCode,
    cicd.BranchStrategy,
    cicd.DeploymentMatchesStage,
    # artifacts (rendered files parse)
    artifacts.OpenApiValid,
    artifacts.DdlParses,
    artifacts.SystemDiagramValid,
    artifacts.ErdValid,
    # consistency
    consistency.StackMatchesPattern,
    consistency.DatabaseMatchesSchema,
    consistency.CacheToolMatches,
    consistency.MonitoringToolMatches,
    security.ComplianceAddressed,
    consistency.DiagramMatchesTopology,
    consistency.PreferenceRecordMatchesStack,
    # anti-over-engineering: applied last
    overengineering.NoMicroservicesForSmallMvp,
    overengineering.NoKafkaForSteadyLowScale,
    overengineering.NoWebSocketsWithoutRealtime,
    overengineering.EveryTechnologyJustified,
    overengineering.NoKubernetesForSmallTeam,
    overengineering.NoNoSqlPrimaryForStrongData,
]
