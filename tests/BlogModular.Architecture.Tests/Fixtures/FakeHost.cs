using BlogModular.Accounts.Features.Users;
using BlogModular.Blogging;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Modules;

// A fake host that composes modules the wrong way.
namespace BlogModular.Architecture.Tests.Fixtures.FakeHost;

/// <summary>Breaks rule 7: counts posts in Blogging's tables instead of asking the module.</summary>
public static class DemoShortcut
{
    public static bool HasPosts(BloggingDbContext db) => db.Posts.Any();
}

/// <summary>Breaks rule 7: calls a module's handler instead of sending its message.</summary>
public static class SignUpShortcut
{
    public static string Name => nameof(AddUserHandler.Handle) + typeof(AddUserHandler).Name;
}

/// <summary>Breaks nothing: the descriptor and the use-case messages are a module's entry points.</summary>
public static class Composition
{
    public static ModuleDescriptor Blogging => BloggingModule.Descriptor;

    public static AddUser Command => new("a@b.c", null, "pw", Reviewer: false);
}
