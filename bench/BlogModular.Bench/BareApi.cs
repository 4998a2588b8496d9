using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlogModular.Bench;

/// <summary>The smallest ASP.NET Core app: the floor for the host's cold start (P5).</summary>
internal static class BareApi
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.RunAsync();
        return 0;
    }
}
