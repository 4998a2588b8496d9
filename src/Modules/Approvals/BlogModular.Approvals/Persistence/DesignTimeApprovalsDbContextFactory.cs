using BlogModular.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BlogModular.Approvals.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host (no database needed).</summary>
internal sealed class DesignTimeApprovalsDbContextFactory : IDesignTimeDbContextFactory<ApprovalsDbContext>
{
    public ApprovalsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ApprovalsDbContext>();
        options.UseModuleNpgsql("Host=localhost", ApprovalsDbContext.Schema);
        return new ApprovalsDbContext(options.Options);
    }
}
