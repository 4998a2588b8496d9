using BlogModular.Approvals.Persistence;
using BlogModular.Architecture.Tests.Fixtures.BadContracts;
using BlogModular.Architecture.Tests.Fixtures.FakeBlogging;
using BlogModular.Architecture.Tests.Fixtures.FakeBuildingBlocks;
using BlogModular.Architecture.Tests.Fixtures.FakeHost;
using static BlogModular.Architecture.Tests.ArchitectureRules;

namespace BlogModular.Architecture.Tests;

/// <summary>
/// A rule that cannot fail proves nothing. Each test runs one rule of <see cref="ModuleBoundaryTests"/> on
/// fixtures in this assembly (Fixtures/) that break it on purpose, and expects exactly the planted violations.
/// </summary>
public class RulesCanFailTests
{
    private const string Fixtures = "BlogModular.Architecture.Tests.Fixtures";

    private static readonly Scope FakeBlogging = new(typeof(StrayHandler).Assembly, typeof(StrayHandler).Namespace!);
    private static readonly Scope FakeContracts = new(typeof(MutableMessage).Assembly, typeof(MutableMessage).Namespace!);
    private static readonly Scope FakeBuildingBlocks = new(typeof(PageOfOne).Assembly, typeof(PageOfOne).Namespace!);
    private static readonly Scope FakeHost = new(typeof(DemoShortcut).Assembly, typeof(DemoShortcut).Namespace!);

    [Fact]
    public void Module_dependency_rule_reports_types_reaching_into_the_other_module() =>
        OtherModuleDependencies(FakeBlogging, Src.Approvals).ShouldBe(
        [
            $"{Fixtures}.FakeBlogging.ApprovalSnooper reaches into BlogModular.Approvals beyond its contracts (Has dependency on: BlogModular.Approvals.Domain.ApprovalRequest)",
            $"{Fixtures}.FakeBlogging.Features.Posts.PeekAtApprovalsHandler reaches into BlogModular.Approvals beyond its contracts (Has dependency on: BlogModular.Approvals.Persistence.ApprovalsDbContext)",
        ]);

    [Fact]
    public void Contract_dependency_rule_reports_contracts_carrying_other_packages() =>
        ContractDependencies(FakeContracts).ShouldBe(
        [
            $"{Fixtures}.BadContracts.LeakyEnvelope depends on more than the BCL, Wolverine.Attributes and Wolverine.IForwardsTo (Has dependency on: Wolverine.Envelope)",
            $"{Fixtures}.BadContracts.LeakyPage depends on more than the BCL, Wolverine.Attributes and Wolverine.IForwardsTo (Has dependency on: BlogModular.BuildingBlocks.Web.Page`1<System.Guid>)",
        ]);

    [Fact]
    public void Contract_rule_reports_mutable_messages_and_missing_or_shared_identities() =>
        MessageContractViolations(FakeContracts).ShouldBe(
        [
            $"{Fixtures}.BadContracts.BlankIdentity has a [MessageIdentity] with an empty alias",
            $"{Fixtures}.BadContracts.MutableMessage is not sealed",
            $"{Fixtures}.BadContracts.MutableMessage is not a record",
            $"{Fixtures}.BadContracts.MutableMessage has a setter on Title, not init",
            $"{Fixtures}.BadContracts.MutableMessage has no [MessageIdentity]",
            $"{Fixtures}.BadContracts.RecordWithSetter has a setter on Note, not init",
            $"{Fixtures}.BadContracts.FirstTwin and {Fixtures}.BadContracts.SecondTwin share the message identity 'fixtures.twin.V1'",
        ]);

    [Fact]
    public void Handler_rule_reports_a_handler_outside_features() =>
        MisplacedHandlers(FakeBlogging).ShouldBe(
        [
            $"{Fixtures}.FakeBlogging.StrayHandler is a handler or endpoint outside {Fixtures}.FakeBlogging.Features.*",
        ]);

    [Fact]
    public void DbContext_rule_reports_a_type_using_the_other_modules_DbContext() =>
        OtherDbContextUsers(FakeBlogging, typeof(ApprovalsDbContext)).ShouldBe(
        [
            $"{Fixtures}.FakeBlogging.Features.Posts.PeekAtApprovalsHandler uses ApprovalsDbContext, another module's DbContext (Has dependency on: BlogModular.Approvals.Persistence.ApprovalsDbContext)",
        ]);

    [Fact]
    public void BuildingBlocks_rule_reports_dependencies_on_a_module_or_its_contracts() =>
        ModuleDependencies(FakeBuildingBlocks, Src.ModuleProjects).ShouldBe(
        [
            $"{Fixtures}.FakeBuildingBlocks.ApprovalsCounter depends on a module (Has dependency on: BlogModular.Approvals.Persistence.ApprovalsDbContext)",
            $"{Fixtures}.FakeBuildingBlocks.SubmissionRelay depends on a module (Has dependency on: BlogModular.Blogging.Contracts.PostSubmitted)",
        ]);

    [Fact]
    public void Host_rule_reports_the_host_using_a_modules_DbContext_or_handler_but_not_its_descriptor() =>
        HostReachingIntoModules(FakeHost, Src.Modules).ShouldBe(
        [
            $"{Fixtures}.FakeHost.DemoShortcut reaches into a module's implementation (Has dependency on: BlogModular.Blogging.Persistence.BloggingDbContext)",
            $"{Fixtures}.FakeHost.SignUpShortcut reaches into a module's implementation (Has dependency on: BlogModular.Accounts.Features.Users.AddUserHandler)",
        ]);

    [Fact]
    public void Reference_rules_report_a_second_composition_root_and_a_module_referencing_another()
    {
        // A worker wired to both modules, and Blogging reaching for Approvals and the host.
        var graph = new ProjectGraph("fixture", new Dictionary<string, string[]>
        {
            [Src.HostProject] = [.. Src.ModuleProjects, Src.BuildingBlocksProject],
            ["BlogModular.Worker"] = [.. Src.ModuleProjects],
            ["BlogModular.Blogging"] = [Src.BuildingBlocksProject, "BlogModular.Blogging.Contracts", "BlogModular.Approvals.Contracts", "BlogModular.Approvals", Src.HostProject],
            ["BlogModular.Approvals"] = [Src.BuildingBlocksProject, "BlogModular.Approvals.Contracts", "BlogModular.Blogging.Contracts"],
        });

        ProjectsReferencingSeveralModules(graph, Src.HostProject, Src.ModuleProjects).ShouldBe(
        [
            "BlogModular.Worker references BlogModular.Accounts and BlogModular.Blogging and BlogModular.Approvals; only BlogModular.Host may (fixture)",
        ]);
        const string allowed = "a module may reference only BlogModular.BuildingBlocks, BlogModular.Accounts.Contracts, BlogModular.Blogging.Contracts, BlogModular.Approvals.Contracts (fixture)";
        ModuleReferenceViolations(graph, Src.BuildingBlocksProject, Src.ContractProjects, Src.ModuleProjects).ShouldBe(
        [
            $"BlogModular.Blogging references BlogModular.Approvals; {allowed}",
            $"BlogModular.Blogging references BlogModular.Host; {allowed}",
        ]);
    }
}
