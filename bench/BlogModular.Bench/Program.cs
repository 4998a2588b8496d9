using BlogModular.Bench;

// `BlogModular.Bench bare-api`: the bare minimal API that P5 compares the host's cold start with.
// `BlogModular.Bench run`: every measure; configured by ./bench.sh through BENCH_* variables (see Settings).
return args switch
{
    ["bare-api", ..] => await BareApi.RunAsync(args[1..]),
    ["run"] => await RunAsync(),
    _ => Usage(),
};

// A bad BENCH_* value is a usage error: say which and stop, without a stack trace.
static async Task<int> RunAsync()
{
    Settings settings;
    try
    {
        settings = Settings.FromEnvironment();
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine($"bench: error: {e.Message}");
        return 2;
    }

    return await Runner.RunAsync(settings);
}

static int Usage()
{
    Console.Error.WriteLine("usage: BlogModular.Bench run | bare-api [--urls URL]   (normally started by ./bench.sh)");
    return 2;
}
