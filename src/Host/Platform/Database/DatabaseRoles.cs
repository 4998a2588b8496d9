using BlogModular.BuildingBlocks.Modules;
using BlogModular.BuildingBlocks.Persistence;
using JasperFx;
using Npgsql;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Postgresql;

namespace BlogModular.Host.Platform.Database;

/// <summary>
/// What <c>migrate</c> does with the admin connection before any module migrates (ADR 0024): one login role per
/// module, owning the module's schema and nothing else; a login role for Wolverine's message store; the message
/// store's tables, owned by the admin; and only the rights on them each role uses at runtime. Role names and
/// passwords are those of the module connection strings the application uses, so they have one source of truth.
/// Run again, it alters what exists (password, ownership, grants) instead of failing.
/// </summary>
public static class DatabaseRoles
{
    // Serialises two migrate runs against one cluster (roles are cluster-wide).
    private const long ProvisioningLockId = 0x626c6f676d6f64; // "blogmod"

    private static readonly string[] ModuleEnvelopeTables = ["wolverine_incoming_envelopes", "wolverine_outgoing_envelopes"];

    /// <summary>A login role and the connection string it came from.</summary>
    public sealed record Login(string ConnectionName, string Role, string? Password)
    {
        public static Login From(IConfiguration configuration, string connectionName)
        {
            var settings = new NpgsqlConnectionStringBuilder(configuration.GetRequiredConnectionString(connectionName));
            return settings.Username is { Length: > 0 } role
                ? new Login(connectionName, role, settings.Password)
                : throw new DatabaseNotConfiguredException(
                    $"ConnectionStrings:{connectionName} names no user: each module connects as its own login role (Username=...).");
        }
    }

    /// <summary>Creates or updates the roles of <paramref name="modules"/> and of the message store, and the message store's tables.</summary>
    public static async Task ProvisionAsync(
        IConfiguration configuration, IEnumerable<ModuleDescriptor> modules, ILogger logger, CancellationToken cancellationToken = default)
    {
        var admin = configuration.GetConnectionString(DatabaseConfiguration.AdminConnectionName) is { Length: > 0 } value
            ? value
            : throw new DatabaseNotConfiguredException(
                $"migrate needs an admin connection to create the database roles. Set ConnectionStrings:{DatabaseConfiguration.AdminConnectionName} " +
                $"(environment variable ConnectionStrings__{DatabaseConfiguration.AdminConnectionName}) for this command only; the application never uses it.");
        var owners = modules.Select(m => (Module: m, Login: Login.From(configuration, m.ConnectionStringName))).ToList();
        var messaging = Login.From(configuration, DatabaseConfiguration.MessagingConnectionName);
        var logins = owners.Select(o => o.Login).Append(messaging).ToList();
        if (logins.GroupBy(l => l.Role).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            throw new DatabaseNotConfiguredException(
                $"{string.Join(" and ", shared.Select(l => $"ConnectionStrings:{l.ConnectionName}"))} name the same role '{shared.Key}'; " +
                "each module and the message store need a login role of their own.");
        }

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"select pg_advisory_lock({ProvisioningLockId})", cancellationToken);
        try
        {
            foreach (var login in logins)
            {
                await EnsureLoginAsync(connection, login, cancellationToken);
            }

            foreach (var (module, login) in owners)
            {
                logger.LogInformation("Database role {Role} owns schema {Schema} (module {Module})", login.Role, module.Schema, module.Name);
                await EnsureOwnedSchemaAsync(connection, module.Schema, login.Role, cancellationToken);
            }

            await FormatAndExecuteAsync(connection, "create schema if not exists %I", [DatabaseConfiguration.EnvelopeSchema], cancellationToken);
            await CreateMessageStoreTablesAsync(admin);
            await GrantMessageStoreAsync(connection, messaging.Role, owners.Select(o => o.Login.Role), cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, $"select pg_advisory_unlock({ProvisioningLockId})", CancellationToken.None);
        }
    }

    private static async Task EnsureLoginAsync(NpgsqlConnection connection, Login login, CancellationToken cancellationToken)
    {
        await using (var superuser = new NpgsqlCommand("select rolsuper from pg_roles where rolname = @role", connection))
        {
            superuser.Parameters.AddWithValue("role", login.Role);
            if (await superuser.ExecuteScalarAsync(cancellationToken) is true)
            {
                throw new DatabaseNotConfiguredException(
                    $"ConnectionStrings:{login.ConnectionName} connects as '{login.Role}', a superuser. Name a role of its own there " +
                    $"(migrate creates it); the superuser belongs in ConnectionStrings:{DatabaseConfiguration.AdminConnectionName} only.");
            }
        }

        // A login with no other power: not superuser, cannot create databases or roles, cannot bypass row security.
        const string attributes = "login nosuperuser nocreatedb nocreaterole noreplication nobypassrls";
        await using var exists = new NpgsqlCommand("select count(*) from pg_roles where rolname = @role", connection);
        exists.Parameters.AddWithValue("role", login.Role);
        var verb = (long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0 ? "create" : "alter";
        if (login.Password is { Length: > 0 } password)
        {
            await FormatAndExecuteAsync(connection, $"{verb} role %I {attributes} password %L", [login.Role, password], cancellationToken);
        }
        else
        {
            await FormatAndExecuteAsync(connection, $"{verb} role %I {attributes}", [login.Role], cancellationToken);
        }

        await FormatAndExecuteAsync(connection, "grant connect on database %I to %I", [connection.Database, login.Role], cancellationToken);
    }

    /// <summary>
    /// The role owns the schema and everything in it, including tables created before roles existed (a database
    /// migrated as one shared user); nobody else has any right on it.
    /// </summary>
    private static async Task EnsureOwnedSchemaAsync(NpgsqlConnection connection, string schema, string role, CancellationToken cancellationToken)
    {
        await FormatAndExecuteAsync(connection, "create schema if not exists %I authorization %I", [schema, role], cancellationToken);
        await FormatAndExecuteAsync(connection, "alter schema %I owner to %I", [schema, role], cancellationToken);
        await FormatAndExecuteAsync(connection, "revoke all on schema %I from public", [schema], cancellationToken);

        // Tables first: a sequence owned by a column follows its table.
        const string objects = """
            select c.relname, case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = @schema and c.relkind in ('r', 'p', 'v', 'm', 'S') and pg_get_userbyid(c.relowner) <> @role
            order by c.relkind = 'S'
            """;
        var found = new List<(string Name, string Kind)>();
        await using (var command = new NpgsqlCommand(objects, connection))
        {
            command.Parameters.AddWithValue("schema", schema);
            command.Parameters.AddWithValue("role", role);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, kind) in found)
        {
            await FormatAndExecuteAsync(connection, $"alter {kind} if exists %I.%I owner to %I", [schema, name, role], cancellationToken);
        }
    }

    /// <summary>
    /// Settings that change the columns of Wolverine's tables, applied alike to the host and to the bare host below that
    /// creates them. The outbox-age gauge reads the "timestamp" column, which Wolverine only adds when a stale time is
    /// set. It also makes a node's envelopes older than this sendable by any node (safe: inboxes dedupe).
    /// </summary>
    public static void ShapeEnvelopeTables(WolverineOptions opts) =>
        opts.Durability.OutboxStaleTime ??= Observability.EnvelopeStorageMetrics.OutboxStaleTime;

    /// <summary>
    /// Wolverine's tables, created with the admin connection so no runtime role may change them. A bare Wolverine
    /// host that is built but never started: it has the same message store, and no handlers, listeners or agents.
    /// </summary>
    private static async Task CreateMessageStoreTablesAsync(string adminConnectionString)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddWolverine(ExtensionDiscovery.ManualOnly, opts =>
        {
            opts.ApplicationAssembly = typeof(DatabaseRoles).Assembly;
            opts.Discovery.DisableConventionalDiscovery();
            opts.PersistMessagesWithPostgresql(adminConnectionString, DatabaseConfiguration.EnvelopeSchema);
            ShapeEnvelopeTables(opts);
        });
        using var host = builder.Build();
        await host.Services.GetRequiredService<IMessageStore>().Admin.MigrateAsync(AutoCreate.CreateOrUpdate);
    }

    /// <summary>
    /// The message store's role reads and writes every table of the schema; a module's role only the inbox and outbox
    /// rows its own transactions write (an entity and its messages commit together) and that its data migrations may
    /// remove (a retired message type's scheduled rows). Nobody gets DDL.
    /// </summary>
    private static async Task GrantMessageStoreAsync(
        NpgsqlConnection connection, string messagingRole, IEnumerable<string> moduleRoles, CancellationToken cancellationToken)
    {
        var schema = DatabaseConfiguration.EnvelopeSchema;
        await FormatAndExecuteAsync(connection, "revoke all on schema %I from public", [schema], cancellationToken);
        await FormatAndExecuteAsync(connection, "grant usage on schema %I to %I", [schema, messagingRole], cancellationToken);
        await FormatAndExecuteAsync(connection, "grant select, insert, update, delete on all tables in schema %I to %I", [schema, messagingRole], cancellationToken);
        await FormatAndExecuteAsync(connection, "grant usage, select on all sequences in schema %I to %I", [schema, messagingRole], cancellationToken);
        foreach (var role in moduleRoles)
        {
            await FormatAndExecuteAsync(connection, "grant usage on schema %I to %I", [schema, role], cancellationToken);
            foreach (var table in ModuleEnvelopeTables)
            {
                await FormatAndExecuteAsync(connection, "grant select, insert, update, delete on %I.%I to %I", [schema, table, role], cancellationToken);
            }
        }
    }

    /// <summary>Identifiers (%I) and literals (%L) are quoted by PostgreSQL's format(), never by string concatenation.</summary>
    private static async Task FormatAndExecuteAsync(NpgsqlConnection connection, string template, string[] arguments, CancellationToken cancellationToken)
    {
        var placeholders = string.Join("", arguments.Select((_, i) => $", @a{i}"));
        await using var format = new NpgsqlCommand($"select format(@template{placeholders})", connection);
        format.Parameters.AddWithValue("template", template);
        for (var i = 0; i < arguments.Length; i++)
        {
            format.Parameters.AddWithValue($"a{i}", arguments[i]);
        }

        var statement = (string)(await format.ExecuteScalarAsync(cancellationToken))!;
        await ExecuteAsync(connection, statement, cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string statement, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
