namespace BlogModular.Blogging.Contracts;

/// <summary>Kafka topics the Blogging module publishes to. The partition key is always the post id.</summary>
public static class BloggingTopics
{
    public const string BlogCreation = "blog-creation";
}
