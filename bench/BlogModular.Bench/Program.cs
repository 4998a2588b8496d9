using BlogModular.Bench;

// `BlogModular.Bench bare-api`: the bare minimal API that P5 compares the host's cold start with.
// `BlogModular.Bench run`: every measure; configured by ./bench.sh through BENCH_* variables (see Settings).
return args switch
{
    ["bare-api", ..] => await BareApi.RunAsync(args[1..]),
    ["run"] => await Runner.RunAsync(Settings.FromEnvironment()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: BlogModular.Bench run | bare-api [--urls URL]   (normally started by ./bench.sh)");
    return 2;
}
