namespace BlogModular.Accounts.Contracts;

/// <summary>Kafka topics the Accounts module listens on. Other modules publish to them, keyed by user id.</summary>
public static class AccountsTopics
{
    public const string UserNotification = "user-notification";
}
