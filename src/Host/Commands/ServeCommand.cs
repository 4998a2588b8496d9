using System.CommandLine;

namespace BlogModular.Host.Commands;

/// <summary>
/// No command: the host serves. What follows are host settings in ASP.NET Core's command-line syntax
/// (<c>--urls http://0.0.0.0:8080</c>, <c>--environment Development</c>, <c>--Kafka:BootstrapServers=kafka:9092</c>),
/// read by the host's configuration; a bare word that no command knows is an error.
/// </summary>
internal static class ServeCommand
{
    public static void Configure(RootCommand root, Func<WebApplication> buildApp)
    {
        root.Options.Add(new Option<string>("--urls")
        {
            Description = "Addresses to listen on, e.g. http://0.0.0.0:8080 (same as ASPNETCORE_URLS)",
            HelpName = "URLS",
        });
        root.Options.Add(new Option<string>("--environment")
        {
            Description = "Development, Staging or Production (same as ASPNETCORE_ENVIRONMENT)",
            HelpName = "NAME",
        });
        // Hidden, or every command's usage would show it; the root's description names it instead.
        var settings = new Argument<string[]>("settings") { Arity = ArgumentArity.ZeroOrMore, CaptureRemainingTokens = true, Hidden = true };
        root.Arguments.Add(settings);
        root.Validators.Add(result =>
        {
            if (Malformed(result.GetValue(settings) ?? []) is { } error)
            {
                result.AddError(error);
            }
        });

        // buildApp hands the arguments to the host as they are: ASP.NET Core's configuration reads them itself.
        root.SetAction(async (_, cancellationToken) =>
        {
            await buildApp().RunAsync(cancellationToken);
            return 0;
        });
    }

    /// <summary>Settings come as <c>--key=value</c> or <c>--key value</c>; anything else (a typo'd command, a lone switch) is an error.</summary>
    private static string? Malformed(string[] tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                return $"Unknown command '{token}'.";
            }

            if (token.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 >= tokens.Length || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return $"The setting '{token}' has no value (--Section:Key value or --Section:Key=value).";
            }

            i++;
        }

        return null;
    }
}
