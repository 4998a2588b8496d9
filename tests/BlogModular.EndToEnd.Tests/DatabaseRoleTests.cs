using BlogModular.Host.Platform.Database;
using BlogModular.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// Each module's login role owns its schema and nothing else (ADR 0024): the database, not only the code, keeps one
/// module out of another's tables. The host under test connects as these roles, so every other test in this
/// collection also shows they are enough to run the application.
/// </summary>
[Collection(HostGroup.Name)]
public sealed class DatabaseRoleTests(AppFixture app)
{
    private const string PermissionDenied = PostgresErrorCodes.InsufficientPrivilege;

    public static TheoryData<string, string> OtherModulesTables => new()
    {
        { "Blogging", "select count(*) from approvals.approval_requests" },
        { "Blogging", "select count(*) from approvals.review_steps" },
        { "Blogging", "select count(*) from identity.\"AspNetUsers\"" },
        { "Blogging", "select count(*) from identity.sent_notifications" },
        { "Approvals", "select count(*) from blogging.posts" },
        { "Approvals", "select count(*) from identity.\"AspNetUsers\"" },
        { "Accounts", "select count(*) from blogging.posts" },
        { "Accounts", "select count(*) from approvals.approval_requests" },
        { "Messaging", "select count(*) from blogging.posts" },
        { "Messaging", "select count(*) from approvals.approval_requests" },
        { "Messaging", "select count(*) from identity.\"AspNetUsers\"" },
    };

    [Theory]
    [MemberData(nameof(OtherModulesTables))]
    public async Task A_role_cannot_read_another_modules_tables(string role, string sql)
    {
        var denied = await Should.ThrowAsync<PostgresException>(() => ScalarAsync(role, sql));

        denied.SqlState.ShouldBe(PermissionDenied, denied.MessageText);
    }

    public static TheoryData<string, string> WritesIntoOtherModules => new()
    {
        { "Blogging", "delete from approvals.approval_requests" },
        { "Blogging", "update identity.\"AspNetUsers\" set email_confirmed = true" },
        { "Blogging", "insert into approvals.review_steps (id) values (gen_random_uuid())" },
        { "Approvals", "update blogging.posts set status = 'Published'" },
        { "Approvals", "delete from identity.\"AspNetUsers\"" },
        { "Accounts", "delete from blogging.posts" },
    };

    [Theory]
    [MemberData(nameof(WritesIntoOtherModules))]
    public async Task A_role_cannot_change_another_modules_tables(string role, string sql)
    {
        var rowsBefore = await app.ScalarAsync<long>("select (select count(*) from blogging.posts) + (select count(*) from approvals.approval_requests) + (select count(*) from identity.\"AspNetUsers\")");

        var denied = await Should.ThrowAsync<PostgresException>(() => ScalarAsync(role, sql));

        denied.SqlState.ShouldBe(PermissionDenied, denied.MessageText);
        (await app.ScalarAsync<long>("select (select count(*) from blogging.posts) + (select count(*) from approvals.approval_requests) + (select count(*) from identity.\"AspNetUsers\")"))
            .ShouldBe(rowsBefore);
    }

    [Theory]
    [InlineData("Blogging")]
    [InlineData("Approvals")]
    [InlineData("Messaging")]
    public async Task Only_Accounts_role_can_read_the_data_protection_key_ring(string role)
    {
        (await ScalarAsync("Accounts", "select count(*) from identity.data_protection_keys")).ShouldBeOfType<long>();

        var denied = await Should.ThrowAsync<PostgresException>(() => ScalarAsync(role, "select xml from identity.data_protection_keys"));

        denied.SqlState.ShouldBe(PermissionDenied, denied.MessageText);
    }

    [Theory]
    [InlineData("Blogging", "create table wolverine.sneaky (id int)")]
    [InlineData("Blogging", "drop table wolverine.wolverine_outgoing_envelopes")]
    [InlineData("Approvals", "alter table wolverine.wolverine_incoming_envelopes add column sneaky int")]
    [InlineData("Messaging", "drop table wolverine.wolverine_dead_letters")]
    [InlineData("Messaging", "create table wolverine.sneaky (id int)")]
    [InlineData("Blogging", "create table approvals.sneaky (id int)")]
    [InlineData("Blogging", "create schema sneaky")]
    [InlineData("Blogging", "create table public.sneaky (id int)")]
    public async Task No_runtime_role_can_change_the_message_store_or_another_schema(string role, string ddl)
    {
        var denied = await Should.ThrowAsync<PostgresException>(() => ScalarAsync(role, ddl));

        // Dropping or altering a table one does not own is "must be owner" (also 42501).
        denied.SqlState.ShouldBe(PermissionDenied, denied.MessageText);
    }

    [Fact]
    public async Task A_module_role_reads_the_outbox_but_not_the_message_stores_dead_letters()
    {
        (await ScalarAsync("Blogging", "select count(*) from wolverine.wolverine_outgoing_envelopes")).ShouldBeOfType<long>();
        (await ScalarAsync("Messaging", "select count(*) from wolverine.wolverine_dead_letters")).ShouldBeOfType<long>();

        var denied = await Should.ThrowAsync<PostgresException>(() => ScalarAsync("Blogging", "select count(*) from wolverine.wolverine_dead_letters"));

        denied.SqlState.ShouldBe(PermissionDenied, denied.MessageText);
    }

    [Fact]
    public async Task Each_module_role_owns_its_schema_and_no_role_is_a_superuser()
    {
        foreach (var module in BlogModular.Host.Modules.All)
        {
            var owner = await app.ScalarAsync<string>("select pg_get_userbyid(nspowner)::text from pg_namespace where nspname = $1", module.Schema);
            owner.ShouldBe(DatabaseLogins.RoleOf(module.Name), module.Name);
        }

        foreach (var name in app.Logins.ConnectionStrings.Keys)
        {
            var superuser = await ScalarAsync(name, "select rolsuper from pg_roles where rolname = current_user");
            superuser.ShouldBe(false, name);
        }
    }

    [Fact]
    public async Task The_host_connects_as_the_module_roles_only()
    {
        var author = await app.SignedInAsync("Roles");
        await author.CreatePostAsync("Written as Blogging's role", "Connected as blogmodular_blogging");

        var users = await ApplicationUsersAsync();

        users.ShouldContain(DatabaseLogins.RoleOf("Accounts"));
        users.ShouldContain(DatabaseLogins.RoleOf("Blogging"));
        users.ShouldContain(DatabaseLogins.RoleOf("Messaging"));
        users.ShouldBeSubsetOf(app.Logins.ConnectionStrings.Keys.Select(DatabaseLogins.RoleOf));
    }

    [Fact]
    public async Task Provisioning_again_alters_the_existing_roles_instead_of_failing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(app.Logins.Settings(admin: true)).Build();

        await DatabaseRoles.ProvisionAsync(configuration, BlogModular.Host.Modules.All, NullLogger.Instance);

        (await ScalarAsync("Blogging", "select count(*) from blogging.posts")).ShouldBeOfType<long>();
        var denied = await Should.ThrowAsync<PostgresException>(() => ScalarAsync("Blogging", "select count(*) from approvals.approval_requests"));
        denied.SqlState.ShouldBe(PermissionDenied);
    }

    [Fact]
    public async Task The_message_store_tables_migrate_made_are_exactly_what_the_hosts_Wolverine_expects()
    {
        // The host never builds them (its role may not), so a setting that changes their columns must reach migrate too.
        var store = (Weasel.Core.Migrations.IDatabase)app.Host.Services.GetRequiredService<Wolverine.Persistence.Durability.IMessageStore>();

        var migration = await store.CreateMigrationAsync();

        migration.Difference.ShouldBe(Weasel.Core.SchemaPatchDifference.None);
    }

    /// <summary>Who the host's pooled connections to the test database log in as (the tests' own superuser excluded).</summary>
    private async Task<List<string>> ApplicationUsersAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select distinct usename::text from pg_stat_activity where datname = current_database() and usename <> current_user", connection);
        var users = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            users.Add(reader.GetString(0));
        }

        return users;
    }

    private async Task<object?> ScalarAsync(string role, string sql)
    {
        await using var connection = new NpgsqlConnection(app.Logins[role]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
