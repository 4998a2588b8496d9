namespace BlogModular.Approvals.Contracts;

/// <summary>Kafka topics the Approvals module publishes to. The partition key is always the post id.</summary>
public static class ApprovalsTopics
{
    public const string BlogApproval = "blog-approval";
}
