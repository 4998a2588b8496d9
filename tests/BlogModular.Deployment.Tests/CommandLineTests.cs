using System.Net;
using BlogModular.Testing;
using Npgsql;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// The host's command line as an operator meets it: every command explains itself, and a mistake (a typo'd option,
/// an unknown command, a database that cannot be used) stops with a clear message and a non-zero exit, doing nothing.
/// </summary>
public sealed class CommandLineTests(CommandLineTests.Database database) : IClassFixture<CommandLineTests.Database>
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("--help", "--urls", "--environment", "migrate", "accounts", "kafka-broker", "kafka-acls", "codegen", "describe")]
    [InlineData("migrate --help", "migrate")]
    [InlineData("accounts --help", "add-user")]
    [InlineData("accounts add-user --help", "--email", "--password", "--name", "--reviewer", "--operator")]
    [InlineData("kafka-broker --help", "--bootstrap-file", "--partitions")]
    [InlineData("codegen --help", "help codegen")]
    public async Task Help_of_every_command_lists_its_options(string commandLine, params string[] expected)
    {
        var (exitCode, process) = await RunAsync(new Dictionary<string, string>(), commandLine.Split(' '));

        exitCode.ShouldBe(0, process.Tail());
        var output = string.Join('\n', process.Lines);
        output.ShouldContain("Usage:");
        foreach (var fragment in expected)
        {
            output.ShouldContain(fragment);
        }
    }

    [Fact]
    public async Task A_mistyped_option_is_an_error_and_creates_no_account()
    {
        var environment = database.Environment();
        // Creates the schema (Development migrates first), so the check below finds the table.
        var (created, _) = await RunAsync(environment, "accounts", "add-user", "--email", "first@example.test", "--password", TestAccounts.Password);
        created.ShouldBe(0);

        var (exitCode, process) = await RunAsync(environment,
            "accounts", "add-user", "--email", "typo@example.test", "--password", TestAccounts.Password, "--reviwer");

        exitCode.ShouldNotBe(0);
        var output = string.Join('\n', process.Lines);
        output.ShouldContain("Unrecognized command or argument '--reviwer'");
        output.ShouldContain("Usage:");
        (await database.CountAccountsAsync("typo@example.test")).ShouldBe(0);
    }

    [Fact]
    public async Task The_operator_option_gives_the_role_and_logs_it_as_done_by_the_command_line()
    {
        var environment = database.Environment();

        var (exitCode, process) = await RunAsync(environment,
            "accounts", "add-user", "--email", "ops@example.test", "--password", TestAccounts.Password, "--operator");

        exitCode.ShouldBe(0, process.Tail());
        string.Join('\n', process.Lines).ShouldContain("ready as an operator");
        (await database.ScalarAsync("""
            select count(*) from "identity"."AspNetUserRoles" ur
            join "identity"."AspNetUsers" u on u.id = ur.user_id join "identity"."AspNetRoles" r on r.id = ur.role_id
            where u.email = 'ops@example.test' and r.name = 'Operator'
            """)).ShouldBe(1);
        (await database.ScalarAsync("""
            select count(*) from "identity".role_changes
            where user_email = 'ops@example.test' and role = 'Operator' and change = 'Granted' and actor_name = 'command line' and actor_id is null
            """)).ShouldBe(1);
    }

    [Fact]
    public async Task A_missing_required_option_is_an_error_with_the_usage()
    {
        var (exitCode, process) = await RunAsync(new Dictionary<string, string>(), "accounts", "add-user", "--email", "a@example.test");

        exitCode.ShouldNotBe(0);
        string.Join('\n', process.Lines).ShouldContain("Option '--password' is required.");
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("--lonely-switch")]
    public async Task An_unknown_command_is_an_error_with_the_usage(string argument)
    {
        var (exitCode, process) = await RunAsync(new Dictionary<string, string>(), argument);

        exitCode.ShouldNotBe(0);
        var output = string.Join('\n', process.Lines);
        output.ShouldContain(argument);
        output.ShouldContain("Usage:");
    }

    [Fact]
    public async Task Kafka_broker_refuses_zero_partitions()
    {
        var (exitCode, process) = await RunAsync(new Dictionary<string, string>(), "kafka-broker", "--partitions", "0");

        exitCode.ShouldNotBe(0);
        string.Join('\n', process.Lines).ShouldContain("--partitions must be greater than 0");
    }

    [Fact]
    public async Task Migrate_against_an_unreachable_database_prints_one_line_and_fails()
    {
        var environment = Unreachable("nowhere");
        environment["Kafka__BootstrapServers"] = "127.0.0.1:1";
        var (exitCode, process) = await RunAsync(environment, "migrate");

        exitCode.ShouldNotBe(0);
        var error = process.ErrorLines.ShouldHaveSingleItem();
        error.ShouldContain("'nowhere' on 127.0.0.1:1");
        error.ShouldContain("ConnectionStrings__Messaging");
        error.ShouldContain("ConnectionStrings__Admin");
        process.Lines.ShouldNotContain(line => line.StartsWith("   at ", StringComparison.Ordinal), process.Tail());
    }

    [Fact]
    public async Task Accounts_without_a_connection_string_prints_one_line_and_fails()
    {
        var (exitCode, process) = await RunAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Messaging"] = "", ["Kafka__BootstrapServers"] = "127.0.0.1:1" },
            "accounts", "add-user", "--email", "a@example.test", "--password", TestAccounts.Password);

        exitCode.ShouldNotBe(0);
        process.ErrorLines.ShouldHaveSingleItem().ShouldContain("ConnectionStrings__Messaging");
        process.Lines.ShouldNotContain(line => line.StartsWith("   at ", StringComparison.Ordinal), process.Tail());
    }

    [Fact]
    public async Task Serving_outside_Development_without_a_public_base_url_fails_and_names_the_setting()
    {
        var environment = Unreachable("nowhere");
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Kafka__BootstrapServers"] = "127.0.0.1:1";
        var (exitCode, process) = await RunAsync(environment);

        exitCode.ShouldNotBe(0);
        process.Tail().ShouldContain("App__PublicBaseUrl");
    }

    [Fact]
    public async Task Serving_with_an_unusable_message_store_polling_cadence_fails_and_names_the_setting()
    {
        var environment = database.Environment();
        environment["Kafka__BootstrapServers"] = "127.0.0.1:1";
        environment["Messaging__PollEvery"] = "soon";

        var (exitCode, process) = await RunAsync(environment);

        exitCode.ShouldBe(2, process.Tail());
        process.ErrorLines.ShouldHaveSingleItem().ShouldBe("Messaging:PollEvery must be a positive time span such as 00:00:30, not 'soon'.");
        process.Lines.ShouldNotContain(line => line.StartsWith("   at ", StringComparison.Ordinal), process.Tail());
    }

    [Fact]
    public async Task Serving_with_unusable_Kafka_security_settings_fails_and_names_each_setting()
    {
        var environment = database.Environment();
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Kafka__BootstrapServers"] = "127.0.0.1:1";
        environment["App__PublicBaseUrl"] = "http://127.0.0.1:5080";
        environment["Kafka__Security__Protocol"] = "SaslSsl";
        environment["Kafka__Security__Mechanism"] = "Gssapi";

        var (exitCode, process) = await RunAsync(environment);

        exitCode.ShouldBe(2, process.Tail());
        process.ErrorLines.ShouldContain(line => line.StartsWith("Kafka:Security:Mechanism 'Gssapi' is not supported", StringComparison.Ordinal));
        process.ErrorLines.ShouldContain(line => line.StartsWith("Kafka:Security:Username is required with SaslSsl", StringComparison.Ordinal));
        process.ErrorLines.ShouldContain(line => line.StartsWith("Kafka:Security:Password is required with SaslSsl", StringComparison.Ordinal));
        process.Lines.ShouldNotContain(line => line.StartsWith("   at ", StringComparison.Ordinal), process.Tail());
    }

    [Fact]
    public async Task Migrate_run_again_alters_the_existing_roles_instead_of_failing()
    {
        var environment = database.Environment();
        environment["ConnectionStrings__Admin"] = database.AdminConnectionString;

        var (exitCode, process) = await RunAsync(environment, "migrate");

        exitCode.ShouldBe(0, process.Tail());
        (await database.CountRolesAsync()).ShouldBe(database.Logins.ConnectionStrings.Count);
    }

    [Fact]
    public async Task Migrate_without_the_admin_connection_names_the_setting_and_changes_nothing()
    {
        var (exitCode, process) = await RunAsync(database.Environment(), "migrate");

        exitCode.ShouldNotBe(0);
        process.ErrorLines.ShouldHaveSingleItem().ShouldContain("ConnectionStrings__Admin");
        process.Lines.ShouldNotContain(line => line.StartsWith("   at ", StringComparison.Ordinal), process.Tail());
    }

    [Fact]
    public async Task Serving_outside_Development_as_a_superuser_is_refused_with_the_reason()
    {
        var environment = database.Environment();
        foreach (var key in database.Logins.Environment().Keys)
        {
            environment[key] = database.AdminConnectionString;
        }

        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["App__PublicBaseUrl"] = "http://127.0.0.1";
        environment["Kafka__BootstrapServers"] = "127.0.0.1:1";

        var (exitCode, process) = await RunAsync(environment);

        exitCode.ShouldNotBe(0);
        process.ErrorLines.ShouldContain(line => line.Contains("a superuser", StringComparison.Ordinal), process.Tail());
        process.Lines.ShouldNotContain(line => line.StartsWith("   at ", StringComparison.Ordinal), process.Tail());
    }

    [Fact]
    public async Task Serving_takes_host_settings_from_the_command_line()
    {
        var address = new Uri($"http://127.0.0.1:{HostProcess.FreePort()}");
        await using var host = HostProcess.Start("serve", database.Environment(), port: null, "--urls", address.ToString(), "--Demo:Enabled", "false");
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };

        await Eventually.HoldsAsync(async () =>
        {
            host.HasExited.ShouldBeFalse(host.Tail());
            try
            {
                return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, CommandTimeout, "the host to serve on the --urls address");
    }

    /// <summary>Connection strings to a database that does not exist, one per module and the message store's.</summary>
    private static Dictionary<string, string> Unreachable(string database) =>
        BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName).Append("Messaging").Append("Admin")
            .ToDictionary(name => $"ConnectionStrings__{name}", name => $"Host=127.0.0.1;Port=1;Database={database};Username=nobody_{name.ToLowerInvariant()}");

    private static async Task<(int ExitCode, HostProcess Process)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var process = HostProcess.Start("command", environment, port: null, args);
        var exitCode = await process.WaitForExitAsync(CommandTimeout);
        await process.DisposeAsync();
        return (exitCode, process);
    }

    /// <summary>
    /// A PostgreSQL of its own, with the module roles migrate made; the host runs in Development, so it applies the
    /// module migrations at startup and brings its own broker.
    /// </summary>
    public sealed class Database : IAsyncLifetime
    {
        private PostgresServer? _postgres;

        public DatabaseLogins Logins { get; private set; } = null!;

        public string AdminConnectionString => _postgres!.ConnectionString;

        public Dictionary<string, string> Environment() => new(Logins.Environment())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Mail__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "blogmodular-command-line-mail"),
        };

        /// <summary>The login roles of this deployment that exist, none of them a superuser.</summary>
        public async Task<long> CountRolesAsync()
        {
            await using var connection = new NpgsqlConnection(_postgres!.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select count(*) from pg_roles where rolname = any(@roles) and rolcanlogin and not rolsuper", connection);
            command.Parameters.AddWithValue("roles", Logins.ConnectionStrings.Keys.Select(DatabaseLogins.RoleOf).ToArray());
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async Task<long> CountAccountsAsync(string email)
        {
            await using var connection = new NpgsqlConnection(_postgres!.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select count(*) from \"identity\".\"AspNetUsers\" where email = @email", connection);
            command.Parameters.AddWithValue("email", email);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async Task<long> ScalarAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(_postgres!.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async Task InitializeAsync()
        {
            _postgres = await PostgresServer.StartAsync();
            Logins = new DatabaseLogins(_postgres.ConnectionString, BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName));
            await Logins.MigrateAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        }

        public async Task DisposeAsync()
        {
            if (_postgres is not null)
            {
                await _postgres.DisposeAsync();
            }
        }
    }
}
