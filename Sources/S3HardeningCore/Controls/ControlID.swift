/// Every control s3wizard can put in place, in the order the review screen and docs list them.
public enum ControlID: String, CaseIterable, Sendable, Comparable {
    case onlyListedRoles = "only-listed-roles"
    case leastPrivilegeGrants = "least-privilege-grants"
    case accessPoints = "access-points"
    case vpcOnly = "vpc-only"
    case endpointPolicy = "endpoint-policy"
    case tlsOnly = "tls-only"
    case minimumTls = "minimum-tls"
    case sseKms = "sse-kms"
    case bucketKey = "bucket-key"
    case uploadEnforcement = "upload-enforcement"
    case keyAdminSeparation = "key-admin-separation"
    case keyUseThroughS3 = "key-use-through-s3"
    case keyRotation = "key-rotation"
    case keyDeletionWindow = "key-deletion-window"
    case governanceChanges = "governance-changes"
    case publicAccessBlock = "public-access-block"
    case objectOwnership = "object-ownership"
    case bucketNamespace = "bucket-namespace"
    case versioning
    case lifecycle
    case accessLogging = "access-logging"
    case auditTrail = "audit-trail"
    case changeAlarms = "change-alarms"
    case objectLock = "object-lock"
    case eventNotifications = "event-notifications"
    case replication
    case workloadIsolation = "workload-isolation"
    case sensitiveDataDiscovery = "sensitive-data-discovery"
    case resourceControlPolicy = "resource-control-policy"

    public static func < (a: ControlID, b: ControlID) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
