using NetArchTest.Rules;
using Xunit.Abstractions;

namespace BlogModular.Architecture.Tests.Scratch;

public class Outer
{
    public class Inner
    {
    }
}

public class UsesInner
{
    public Outer.Inner? X { get; init; }
}

public class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        foreach (var a in new[] { typeof(BlogModular.Approvals.ApprovalsModule).Assembly, typeof(BlogModular.Blogging.Contracts.PostSubmitted).Assembly })
        {
            foreach (var t in Types.InAssembly(a).GetTypes())
            {
                output.WriteLine($"{a.GetName().Name}: {t.FullName} ");
            }
        }

        var r = Types.InAssembly(typeof(BlogModular.Blogging.Contracts.PostSubmitted).Assembly).ShouldNot().HaveDependencyOtherThan("System", "Wolverine.Attributes", "BlogModular.Blogging.Contracts").GetResult();
        foreach (var f in r.FailingTypes)
        {
            output.WriteLine($"FAIL {f.FullName} :: {f.Explanation}");
        }

        var r2 = Types.InAssembly(typeof(ScratchTests).Assembly).That().ResideInNamespace("BlogModular.Architecture.Tests.Scratch").ShouldNot().HaveDependencyOnAny("BlogModular.Architecture.Tests.Scratch.Outer").GetResult();
        foreach (var f in r2.FailingTypes)
        {
            output.WriteLine($"FAIL2 {f.FullName} :: {f.Explanation} :: {f.Name} :: {f.ReflectionType.FullName}");
        }

        foreach (var f in Types.InAssembly(typeof(BlogModular.Blogging.BloggingModule).Assembly).That().ResideInNamespace("BlogModular.Blogging.Features").GetTypes())
        {
            output.WriteLine($"NS {f.FullName}");
        }

        foreach (var f in Types.InAssembly(typeof(BlogModular.Blogging.BloggingModule).Assembly).That().ResideInNamespace("BlogModular.Blogging.Feat").GetTypes())
        {
            output.WriteLine($"NSpartial {f.FullName}");
        }

        var r5 = Types.InAssembly(typeof(BlogModular.Blogging.BloggingModule).Assembly).ShouldNot().HaveDependencyOnAny("BlogModular.Approvals").GetResult();
        foreach (var f in r5.FailingTypes)
        {
            output.WriteLine($"FAIL5 {f.FullName} :: {f.Explanation}");
        }

        var r6 = Types.InAssembly(typeof(BlogModular.Blogging.BloggingModule).Assembly).That().HaveNameEndingWith("Handler", "Endpoint").GetTypes();
        output.WriteLine("HANDLERS " + string.Join(", ", r6.Select(t => t.FullName)));
    }
}
