using BlogModular.Accounts;
using BlogModular.Accounts.Contracts;
using BlogModular.Approvals;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging;
using BlogModular.Blogging.Contracts;
using BlogModular.BuildingBlocks.Web;

namespace BlogModular.Architecture.Tests;

/// <summary>The projects under src/ the rules talk about.</summary>
public static class Src
{
    public const string HostProject = "BlogModular.Host";
    public const string BuildingBlocksProject = "BlogModular.BuildingBlocks";
    public static readonly string[] ModuleProjects = ["BlogModular.Accounts", "BlogModular.Blogging", "BlogModular.Approvals"];
    public static readonly string[] ContractProjects = ["BlogModular.Accounts.Contracts", "BlogModular.Blogging.Contracts", "BlogModular.Approvals.Contracts"];

    public static readonly Scope Host = Scope.Of(typeof(BlogModular.Host.Modules).Assembly);
    public static readonly Scope Accounts = Scope.Of(typeof(AccountsModule).Assembly);
    public static readonly Scope Blogging = Scope.Of(typeof(BloggingModule).Assembly);
    public static readonly Scope Approvals = Scope.Of(typeof(ApprovalsModule).Assembly);
    public static readonly Scope AccountsContracts = Scope.Of(typeof(NotifyUser).Assembly);
    public static readonly Scope BloggingContracts = Scope.Of(typeof(PostSubmitted).Assembly);
    public static readonly Scope ApprovalsContracts = Scope.Of(typeof(ReviewDecided).Assembly);
    public static readonly Scope BuildingBlocks = Scope.Of(typeof(Validation).Assembly);

    public static readonly Scope[] Modules = [Accounts, Blogging, Approvals];

    public static readonly Scope[] Contracts = [AccountsContracts, BloggingContracts, ApprovalsContracts];
}
