using BlogModular.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BlogModular.Blogging.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host (no database needed).</summary>
internal sealed class DesignTimeBloggingDbContextFactory : IDesignTimeDbContextFactory<BloggingDbContext>
{
    public BloggingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<BloggingDbContext>();
        options.UseModuleNpgsql("Host=localhost", BloggingDbContext.Schema);
        return new BloggingDbContext(options.Options);
    }
}
