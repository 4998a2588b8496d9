using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Persistence;
using static BlogModular.Architecture.Tests.ArchitectureRules;

namespace BlogModular.Architecture.Tests;

/// <summary>The module boundaries of HOUSE-STYLE.md (slices, contracts, one DbContext per module), enforced on the real code.</summary>
public class ModuleBoundaryTests
{
    [Fact]
    public void Blogging_depends_on_Approvals_only_through_its_contracts() =>
        OtherModuleDependencies(Src.Blogging, Src.Approvals).ShouldBeEmpty();

    [Fact]
    public void Approvals_depends_on_Blogging_only_through_its_contracts() =>
        OtherModuleDependencies(Src.Approvals, Src.Blogging).ShouldBeEmpty();

    [Fact]
    public void Contracts_depend_only_on_the_BCL_and_Wolverine_attributes() =>
        ContractDependencies(Src.BloggingContracts).Concat(ContractDependencies(Src.ApprovalsContracts)).ShouldBeEmpty();

    [Fact]
    public void Contract_messages_are_sealed_immutable_records_with_distinct_message_identities() =>
        MessageContractViolations(Src.BloggingContracts, Src.ApprovalsContracts).ShouldBeEmpty();

    [Fact]
    public void Handlers_and_endpoints_live_in_their_modules_features() =>
        MisplacedHandlers(Src.Blogging).Concat(MisplacedHandlers(Src.Approvals)).ShouldBeEmpty();

    [Fact]
    public void Neither_module_uses_the_other_modules_DbContext() =>
        OtherDbContextUsers(Src.Blogging, typeof(ApprovalsDbContext))
            .Concat(OtherDbContextUsers(Src.Approvals, typeof(BloggingDbContext)))
            .ShouldBeEmpty();

    [Fact]
    public void BuildingBlocks_depends_on_no_module() =>
        ModuleDependencies(Src.BuildingBlocks, Src.ModuleProjects).ShouldBeEmpty();

    [Fact]
    public void Only_the_host_references_both_modules()
    {
        ProjectGraph[] graphs = [ProjectGraph.FromCompiledAssemblies(), ProjectGraph.FromProjectFiles()];
        foreach (var graph in graphs)
        {
            // The host must be seen referencing both, or an unread graph would pass for a clean one.
            Src.ModuleProjects.ShouldBeSubsetOf(graph.References[Src.HostProject], $"the host's references in the {graph.Source}");
        }

        graphs.SelectMany(g => ProjectsReferencingBothModules(g, Src.HostProject, Src.ModuleProjects)).ShouldBeEmpty();
    }

    [Fact]
    public void Modules_reference_only_building_blocks_and_contracts()
    {
        ProjectGraph[] graphs = [ProjectGraph.FromCompiledAssemblies(), ProjectGraph.FromProjectFiles()];
        graphs.SelectMany(g => ModuleReferenceViolations(g, Src.BuildingBlocksProject, Src.ModuleProjects)).ShouldBeEmpty();
    }
}
