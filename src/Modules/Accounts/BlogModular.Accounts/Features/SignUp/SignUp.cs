using System.Text;
using BlogModular.Accounts.Domain;
using BlogModular.Accounts.Mail;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace BlogModular.Accounts.Features.SignUp;

public sealed record SignUp(string? Email, string? DisplayName, string? Password);

/// <summary>
/// Identity's /register has no display name, so sign-up is this one endpoint; confirmation, login and password
/// reset are Identity's own. The account cannot log in until the e-mailed link is followed.
/// </summary>
internal static class SignUpEndpoint
{
    public static RouteHandlerBuilder MapSignUp(this RouteGroupBuilder auth) =>
        auth.MapPost("/signup", async Task<Results<Accepted, ProblemHttpResult>> (
            SignUp? request, UserManager<User> users, MailSender mail, HttpContext http) =>
        {
            if (Validate(request) is { } invalid)
            {
                return TypedResults.Problem(invalid);
            }

            var created = await RegisterAsync(request!, users, mail, http, ConfirmEmailPath);
            if (!created.Succeeded)
            {
                var errors = new Validation();
                foreach (var error in created.Errors)
                {
                    errors.Add(FieldOf(error), error.Description);
                }

                return TypedResults.Problem(errors.ToProblemDetails());
            }

            return TypedResults.Accepted((string?)null);
        })
        .WithName("signUp")
        .WithSummary("Creates an account and e-mails its confirmation link; log in after confirming. The answer is the same " +
            "for an address that already has an account (its owner is told by e-mail instead).");

    private const string ConfirmEmailPath = "/api/auth/confirmEmail";

    /// <summary>
    /// Creates the unconfirmed account and mails the link to <paramref name="confirmPath"/> (Identity's API
    /// endpoint for API clients, the web UI's landing page for browsers). An address that already has an account
    /// succeeds alike, so the answer does not tell who has one; that account's owner gets an e-mail about the attempt.
    /// </summary>
    internal static async Task<IdentityResult> RegisterAsync(
        SignUp request, UserManager<User> users, MailSender mail, HttpContext http, string confirmPath)
    {
        var email = request.Email!.Trim();
        var user = new User { UserName = email, Email = email, DisplayName = request.DisplayName!.Trim() };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            // The password is checked before the address, so a weak password is refused alike for every address.
            var errors = created.Errors.Where(error => error.Code is not (nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))).ToList();
            if (errors.Count > 0)
            {
                return IdentityResult.Failed([.. errors]);
            }

            if (await users.FindByEmailAsync(email) is { } owner)
            {
                await mail.SendSignUpAttemptAsync(owner, owner.Email ?? email, Link(http, AccountPages.Login));
            }

            return IdentityResult.Success;
        }

        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = Link(http, $"{confirmPath}?userId={user.Id}&code={code}");
        await mail.SendConfirmationLinkAsync(user, email, System.Text.Encodings.Web.HtmlEncoder.Default.Encode(link));
        return created;
    }

    /// <summary>An absolute link (the mailer moves it onto App:PublicBaseUrl when that is set).</summary>
    private static string Link(HttpContext http, string pathAndQuery) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{pathAndQuery}";

    /// <summary>Which sign-up field an Identity error is about.</summary>
    internal static string FieldOf(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email";

    private static ProblemDetails? Validate(SignUp? request)
    {
        if (request is null)
        {
            return Validation.BodyRequired();
        }

        var validation = new Validation()
            .Text("email", request.Email, 256)
            .Text("displayName", request.DisplayName, User.DisplayNameMax)
            .Text("password", request.Password, 128);
        if (request.Email is { } email && !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
        {
            validation.Add("email", "'email' is not an e-mail address.");
        }

        var problems = validation.ToProblemDetails();
        return problems.Status is null ? null : problems;
    }
}
