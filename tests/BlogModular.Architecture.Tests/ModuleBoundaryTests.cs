using BlogModular.Accounts.Persistence;
using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Persistence;
using static BlogModular.Architecture.Tests.ArchitectureRules;

namespace BlogModular.Architecture.Tests;

/// <summary>The module boundaries (docs/architecture.md: slices, contracts, one DbContext per module), enforced on the real code.</summary>
public class ModuleBoundaryTests
{
    private static IEnumerable<(Scope Module, Scope Other)> Pairs =>
        Src.Modules.SelectMany(m => Src.Modules.Where(o => o != m).Select(o => (m, o)));

    [Fact]
    public void Each_module_depends_on_another_only_through_its_contracts() =>
        Pairs.SelectMany(p => OtherModuleDependencies(p.Module, p.Other)).ShouldBeEmpty();

    [Fact]
    public void Contracts_depend_only_on_the_BCL_Wolverine_attributes_and_forwarding() =>
        Src.Contracts.SelectMany(ContractDependencies).ShouldBeEmpty();

    [Fact]
    public void Contract_messages_are_sealed_immutable_records_with_distinct_message_identities() =>
        MessageContractViolations(Src.Contracts).ShouldBeEmpty();

    [Fact]
    public void Handlers_and_endpoints_live_in_their_modules_features() =>
        Src.Modules.SelectMany(MisplacedHandlers).ShouldBeEmpty();

    [Fact]
    public void No_module_uses_another_modules_DbContext()
    {
        var contexts = new Dictionary<Scope, Type>
        {
            [Src.Accounts] = typeof(AccountsDbContext),
            [Src.Blogging] = typeof(BloggingDbContext),
            [Src.Approvals] = typeof(ApprovalsDbContext),
        };
        contexts.Keys.ShouldBe(Src.Modules, ignoreOrder: true, "every module's DbContext is listed");
        Pairs.SelectMany(p => OtherDbContextUsers(p.Module, contexts[p.Other])).ShouldBeEmpty();
    }

    [Fact]
    public void BuildingBlocks_depends_on_no_module() =>
        ModuleDependencies(Src.BuildingBlocks, Src.ModuleProjects).ShouldBeEmpty();

    [Fact]
    public void The_host_uses_modules_only_through_their_entry_points() =>
        HostReachingIntoModules(Src.Host, Src.Modules).ShouldBeEmpty();

    [Fact]
    public void Only_the_host_references_more_than_one_module()
    {
        ProjectGraph[] graphs = [ProjectGraph.FromCompiledAssemblies(), ProjectGraph.FromProjectFiles()];
        foreach (var graph in graphs)
        {
            // The host must be seen referencing every module, or an unread graph would pass for a clean one.
            Src.ModuleProjects.ShouldBeSubsetOf(graph.References[Src.HostProject], $"the host's references in the {graph.Source}");
        }

        graphs.SelectMany(g => ProjectsReferencingSeveralModules(g, Src.HostProject, Src.ModuleProjects)).ShouldBeEmpty();
    }

    [Fact]
    public void Modules_reference_only_building_blocks_and_contracts()
    {
        ProjectGraph[] graphs = [ProjectGraph.FromCompiledAssemblies(), ProjectGraph.FromProjectFiles()];
        graphs.SelectMany(g => ModuleReferenceViolations(g, Src.BuildingBlocksProject, Src.ContractProjects, Src.ModuleProjects)).ShouldBeEmpty();
    }
}
