using System.Diagnostics;
using System.Text.RegularExpressions;
using BlogModular.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace BlogModular.Deployment.Tests;

[Collection(DeploymentGroup.Name)]
public sealed partial class ScaleOutTests(Deployment deployment, ITestOutputHelper output)
{
    private const int Posts = 500;

    [Fact]
    public async Task Two_approvals_processes_share_the_work_and_handle_each_post_exactly_once()
    {
        var joining = Stopwatch.StartNew();
        var second = await deployment.StartModuleAsync("approvals-2", blogging: false, approvals: true);
        await second.WaitForLineAsync("was assigned blog-creation", TimeSpan.FromSeconds(60));
        output.WriteLine($"second approvals process started and got partitions after {joining.ElapsedMilliseconds} ms");

        using var blogging = await deployment.Blogging.SignedInAsync(Deployment.AuthorEmail);
        var ids = new Guid[Posts];
        var creating = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Posts), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => ids[i] = await blogging.CreatePostAsync($"Scale {i}"));
        output.WriteLine($"{Posts} posts created in {creating.ElapsedMilliseconds} ms");

        await Eventually.HoldsAsync(async () => await CountRequestsAsync(ids) == Posts, Client.MessageTimeout, $"{Posts} approval requests");
        output.WriteLine($"all {Posts} approval requests stored after {creating.ElapsedMilliseconds} ms");

        var handledBy = new[] { deployment.Approvals, second }.ToDictionary(p => p.Name, p => HandledPosts(p, ids));
        foreach (var (name, handled) in handledBy)
        {
            output.WriteLine($"{name} created {handled.Count} requests");
            handled.Count.ShouldBeGreaterThan(0, $"{name} did none of the work");
        }

        var all = handledBy.Values.SelectMany(h => h).ToList();
        all.Count.ShouldBe(Posts, "every post handled exactly once across both processes");
        all.Distinct().Count().ShouldBe(Posts);
        (await CountRequestsAsync(ids)).ShouldBe(Posts);
    }

    private async Task<long> CountRequestsAsync(Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(deployment.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from approvals.approval_requests where post_id = any($1)", connection);
        command.Parameters.AddWithValue(ids);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The posts a process created requests for, read from its "Approval request … created for revision … of post …" log lines.</summary>
    private static List<Guid> HandledPosts(HostProcess process, Guid[] ids)
    {
        var wanted = ids.ToHashSet();
        return process.Lines
            .Select(line => CreatedLine().Match(line))
            .Where(match => match.Success)
            .Select(match => Guid.Parse(match.Groups[1].Value))
            .Where(wanted.Contains)
            .ToList();
    }

    [GeneratedRegex("Approval request [0-9a-f-]+ created for revision [0-9]+ of post ([0-9a-f-]{36})")]
    private static partial Regex CreatedLine();
}
