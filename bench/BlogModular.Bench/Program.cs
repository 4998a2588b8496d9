using BlogModular.Bench;

// `BlogModular.Bench bare-api`: the bare minimal API that P5 compares the host's cold start with.
// `BlogModular.Bench run`: every measure; configured by ./bench.sh through BENCH_* variables (see Settings).
// `BlogModular.Bench check`: only reads the BENCH_* variables, so ./bench.sh stops on a bad one before it builds anything else.
return args switch
{
    ["bare-api", ..] => await BareApi.RunAsync(args[1..]),
    ["run"] => await RunAsync(),
    ["check"] => ReadSettings() is null ? 2 : 0,
    _ => Usage(),
};

static async Task<int> RunAsync() => ReadSettings() is { } settings ? await Runner.RunAsync(settings) : 2;

// A bad BENCH_* value is a usage error: say which and stop, without a stack trace.
static Settings? ReadSettings()
{
    try
    {
        return Settings.FromEnvironment();
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine($"bench: error: {e.Message}");
        return null;
    }
}

static int Usage()
{
    Console.Error.WriteLine("usage: BlogModular.Bench run | check | bare-api [--urls URL]   (normally started by ./bench.sh)");
    return 2;
}
