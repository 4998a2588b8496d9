using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.RateLimiting;
using BlogModular.Accounts.Contracts;
using BlogModular.Accounts.Domain;
using BlogModular.Accounts.Features.Access;
using BlogModular.Accounts.Features.SignIn;
using BlogModular.Accounts.Features.SignUp;
using BlogModular.Accounts.Features.Users;
using BlogModular.Accounts.Mail;
using BlogModular.Accounts.Persistence;
using BlogModular.BuildingBlocks.Modules;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.Web;
using Wolverine;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.RateLimiting;

namespace BlogModular.Accounts;

/// <summary>
/// Accounts owns who is who: ASP.NET Core Identity (its own schema), its API under /api/auth, bearer tokens for
/// API clients and cookies for browsers, both protected by a Data Protection key ring shared through PostgreSQL.
/// Every process runs it, because every process signs callers in. It e-mails users what other modules ask through
/// <see cref="NotifyUser"/> (Features/Notifications), once per notification and only the kinds each user wants.
/// </summary>
public static class AccountsModule
{
    public const string Name = "Accounts";

    public static readonly ModuleDescriptor Descriptor = new()
    {
        Name = Name,
        Assembly = typeof(AccountsModule).Assembly,
        Schema = AccountsDbContext.Schema,
        Switchable = false,
        // Any module may send NotifyUser; it is declared here, by its owner, so every process routes it (Accounts runs
        // in every process), and once, so a process running several modules does not declare the route twice.
        Publishes = [MessageRoute.Of<NotifyUser>(AccountsTopics.UserNotification, nameof(NotifyUser.UserId))],
        ListensTo = [AccountsTopics.UserNotification],
        // Every process answers these; a front door may send them to any.
        Paths = [AuthRoutes.Prefix, RoleEndpoints.Reviewers, RoleEndpoints.Operators, AccountPages.Prefix],
        Api = new(Name, "Sign-up, e-mail confirmation, login with bearer tokens, password reset, e-mail settings, reviewer and operator roles and the role-change log."),
        Navigation = [new("Settings", AccountPages.Settings, Policies.Author)],
        Commands = [AddUserCommand.Create],
        AddServices = AddServices,
        MapEndpoints = MapEndpoints,
    };

    /// <summary>The default scheme AddIdentityApiEndpoints registers (its constant is internal to Identity).</summary>
    private const string BearerAndApplicationScheme = "Identity.BearerAndApplication";

    private static void AddServices(WebApplicationBuilder builder)
    {
        // Enlisted in Wolverine's transactions like every module's, so a notification handler records what it sent in
        // the same transaction as the durable inbox marks the message handled.
        builder.AddModuleDbContext<AccountsDbContext>(Descriptor);

        builder.Services.AddDataProtection()
            .SetApplicationName("BlogModular")
            .PersistKeysToDbContext<AccountsDbContext>();

        builder.Services.AddIdentityApiEndpoints<User>(options =>
            {
                options.SignIn.RequireConfirmedEmail = true;
                // Length, not composition rules: at least 12 characters, any characters (docs/security.md, V2).
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                // No account-wide lockout: anyone could keep a user out by failing on purpose. Failures are limited
                // per (client address, account) by LoginThrottle instead (ADR 0020); the store reports lockout off.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddUserStore<AccountsUserStore>()
            .AddClaimsPrincipalFactory<DisplayNameClaimsFactory>();

        // An API answers 401/403 (as ProblemDetails); it never redirects. Web pages send the browser to log in.
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            // Lax, not Strict: a signed-in reader arriving from a link on another site is still signed in; unsafe
            // requests are guarded by antiforgery tokens, not by SameSite alone (ADR 0020).
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // A browser session lasts at most 12 hours from sign-in, however active (docs/security.md, V3).
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = false;
            cookie.LoginPath = AccountPages.Login;
            cookie.AccessDeniedPath = AccountPages.Denied;
            cookie.Events.OnRedirectToLogin = context => context.Request.IsApi()
                ? Status(context.Response, StatusCodes.Status401Unauthorized)
                : Redirect(context);
            cookie.Events.OnRedirectToAccessDenied = context => context.Request.IsApi()
                ? Status(context.Response, StatusCodes.Status403Forbidden)
                : Redirect(context);
        });

        // Identity's combined scheme challenges with the bearer handler (a bare 401); pages challenge with the
        // cookie instead, which sends the browser to the login or access-denied page.
        builder.Services.PostConfigure<AuthenticationSchemeOptions>(BearerAndApplicationScheme, scheme =>
            scheme.ForwardDefaultSelector = context => context.Request.IsApi() ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Author, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.Reviewer, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Reviewer))
            .AddPolicy(Policies.Operator, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Operator));
        builder.AddSessionRevocation();
        builder.Services.AddScoped<RoleAssignments>();

        builder.Services.AddOptions<MailSettings>().Bind(builder.Configuration.GetSection(MailSettings.Section))
            .Validate(mail => string.IsNullOrWhiteSpace(mail.Smtp.Host) || AllowsConnection(mail.Smtp),
                "Mail:Smtp:AllowPlainTextOnLoopback is set, but Mail:Smtp:Host is not a loopback address: plain-text SMTP is allowed only " +
                "to this machine. Unset it and use a server that offers STARTTLS or implicit TLS (Mail:Smtp:Security).")
            .ValidateOnStart();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.PostConfigure<MailSettings>(mail => mail.PickupDirectory ??= Path.Combine(".data", "mail"));
        }

        builder.Services.AddTransient<MailSender>();
        builder.Services.AddTransient<IEmailSender<User>>(services => services.GetRequiredService<MailSender>());
        builder.Services.AddSingleton(new LoginThrottle(builder.Configuration));
        builder.Services.AddRateLimiter(options => AddAuthRateLimit(options, builder.Configuration));
        // Identity's UserManager is built by the container (its store is internal), not by Wolverine's generated code.
        builder.Services.ConfigureWolverine(opts =>
        {
            opts.CodeGeneration.AlwaysUseServiceLocationFor<UserManager<User>>();
            opts.CodeGeneration.AlwaysUseServiceLocationFor<RoleAssignments>();
        });
    }

    private static void MapEndpoints(WebApplication app)
    {
        // Identity's own /register is not offered: it takes no display name and tells whether an address is taken.
        var identityEndpoints = new IdentityEndpoints(app, endpoint => !endpoint.RoutePattern.RawText!.EndsWith("/register", StringComparison.OrdinalIgnoreCase));
        var identity = identityEndpoints.MapGroup(AuthRoutes.Prefix).WithTags(Name).MapIdentityApi<User>();
        identityEndpoints.AddTo(app);
        // Login and anything that sends mail or touches a password are where guessing and mail flooding happen.
        identity.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } &&
                RateLimitedIdentityRoutes.Any(r => route.EndsWith(r, StringComparison.OrdinalIgnoreCase)))
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(RateLimitPolicies.Accounts));
            }
        });
        identity.AddEndpointFilter(ValidateIdentityRequests);
        identity.AddEndpointFilter(LoginThrottle.FilterAsync);
        identity.DescribeOperations(IdentityOperations);
        var auth = app.MapGroup(AuthRoutes.Prefix).WithTags(Name);
        auth.MapSignUp().RequireRateLimiting(RateLimitPolicies.Accounts);
        auth.MapLogout();
        auth.MapAntiforgeryToken();
        app.MapRoleEndpoints();
        app.MapListRoleChanges();
        app.MapPageLogout();
    }

    /// <summary>
    /// What Identity's endpoints let through and then fail on with a 500: a JSON null in a <c>required string</c>
    /// (UserManager throws ArgumentNullException), and an e-mail address its lenient check accepts but the mailer
    /// cannot parse (change-email mails it at once).
    /// </summary>
    private static async ValueTask<object?> ValidateIdentityRequests(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var validation = new Validation();
        foreach (var request in context.Arguments.Where(a => a?.GetType().Namespace == typeof(LoginRequest).Namespace))
        {
            foreach (var property in request!.GetType().GetProperties())
            {
                var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                var value = property.GetValue(request);
                if (value is null && property.IsDefined(typeof(RequiredMemberAttribute), inherit: false))
                {
                    validation.Add(field, $"'{field}' is required.");
                }
                else if (value is string email && field.EndsWith("mail", StringComparison.Ordinal) && !MailSender.CanSendTo(email))
                {
                    validation.Add(field, $"'{field}' is not an e-mail address.");
                }
            }
        }

        return validation.ToProblemDetails() is { Status: not null } invalid ? TypedResults.Problem(invalid) : await next(context);
    }

    private static bool AllowsConnection(MailSettings.SmtpSettings smtp)
    {
        try
        {
            _ = smtp.SocketOptions();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static readonly ApiOperation[] IdentityOperations =
    [
        new("POST", "/login", "login", "Logs in and returns a bearer token (with useCookies=true, sets a cookie instead).", 401),
        new("POST", "/refresh", "refreshToken", "Exchanges a refresh token for a new bearer token.", 401),
        new("GET", "/confirmEmail", "confirmEmail", "Confirms an e-mail address with the link from the confirmation e-mail.", 401),
        new("POST", "/resendConfirmationEmail", "resendConfirmationEmail", "Sends the confirmation e-mail again."),
        new("POST", "/forgotPassword", "forgotPassword", "E-mails a password reset code."),
        new("POST", "/resetPassword", "resetPassword", "Sets a new password with the e-mailed reset code."),
        new("POST", "/manage/2fa", "manageTwoFactor", "Enables, disables or resets the caller's two-factor authentication."),
        new("GET", "/manage/info", "getAccountInfo", "Gets the caller's e-mail address and whether it is confirmed."),
        new("POST", "/manage/info", "updateAccountInfo", "Changes the caller's e-mail address or password."),
    ];

    private static readonly string[] RateLimitedIdentityRoutes =
        ["/login", "/resendConfirmationEmail", "/forgotPassword", "/resetPassword", "/manage/info"];

    /// <summary>
    /// Per client address, a fixed window (Accounts:RateLimit:PermitLimit per Accounts:RateLimit:WindowSeconds), for the
    /// API's account routes and the account pages' form posts (viewing a page is free). The 429 is the host's.
    /// </summary>
    private static void AddAuthRateLimit(RateLimiterOptions options, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Accounts:RateLimit:PermitLimit", 10);
        var window = TimeSpan.FromSeconds(configuration.GetValue("Accounts:RateLimit:WindowSeconds", 60));
        options.AddPolicy(RateLimitPolicies.Accounts, context =>
            !context.Request.IsApi() && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                ? RateLimitPartition.GetNoLimiter("page views")
                : RateLimitPartition.GetFixedWindowLimiter(
                    RateLimitPolicies.ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
    }
}
