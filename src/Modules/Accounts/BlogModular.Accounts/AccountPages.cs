using System.ComponentModel.DataAnnotations;
using BlogModular.Accounts.Domain;

namespace BlogModular.Accounts;

/// <summary>Where the accounts API lives (ASP.NET Core Identity's endpoints and sign-up).</summary>
public static class AuthRoutes
{
    public const string Prefix = "/api/auth";
}

/// <summary>The account pages' addresses (the cookie's login and access-denied paths among them).</summary>
public static class AccountPages
{
    public const string Prefix = "/account";
    public const string SignUp = "/account/signup";
    public const string Confirm = "/account/confirm";
    public const string Login = "/account/login";
    public const string Logout = "/account/logout";
    public const string Denied = "/account/denied";
    public const string Settings = "/account/settings";

    /// <summary>Only a path on this site: an absolute or protocol-relative URL would make an open redirect.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is ['/', not '/' and not '\\', ..] or "/" ? returnUrl : "/";
}

public sealed class SignUpForm
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "This is not an e-mail address.")]
    [StringLength(256)]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Choose the name shown on your posts.")]
    [StringLength(User.DisplayNameMax, ErrorMessage = "The name must be at most {1} characters.")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(128, ErrorMessage = "The password must be at most {1} characters.")]
    public string? Password { get; set; }
}

public sealed class LoginForm
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter your password.")]
    public string? Password { get; set; }
}
