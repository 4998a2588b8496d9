using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace BlogModular.BuildingBlocks.Modules;

/// <summary>
/// <c>Modules:&lt;Name&gt;:Enabled</c> (default true) decides which modules this process runs. A disabled
/// module contributes nothing: no endpoints, DbContext, migrations, listeners or publishers. Messages go
/// through Kafka either way, so splitting modules into processes is configuration only.
/// </summary>
public static class ModuleSwitches
{
    public static bool IsModuleEnabled(this IConfiguration configuration, string module) =>
        configuration.GetValue($"Modules:{module}:Enabled", defaultValue: true);

    public static WebApplicationBuilder AddModules(
        this WebApplicationBuilder builder, params (string Name, Action<WebApplicationBuilder> Add)[] modules)
    {
        var enabled = modules.Where(m => builder.Configuration.IsModuleEnabled(m.Name)).ToList();
        if (enabled.Count == 0)
        {
            throw new InvalidOperationException(
                "No module is enabled. Enable at least one of " +
                string.Join(", ", modules.Select(m => $"Modules:{m.Name}:Enabled")) + ".");
        }

        foreach (var (_, add) in enabled)
        {
            add(builder);
        }

        return builder;
    }
}
