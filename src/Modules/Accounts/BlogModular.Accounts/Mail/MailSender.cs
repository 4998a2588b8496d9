using BlogModular.Accounts.Contracts;
using BlogModular.Accounts.Domain;
using BlogModular.BuildingBlocks.Web;
using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BlogModular.Accounts.Mail;

public sealed class MailSettings
{
    public const string Section = "Mail";

    public string From { get; set; } = "BlogModular <no-reply@blogmodular.local>";

    /// <summary>Development sink: each message is written there as an .eml file instead of being sent.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpSettings Smtp { get; set; } = new();

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        /// <summary>How the connection is encrypted; unset: implicit TLS on port 465, STARTTLS on any other.</summary>
        public SmtpSecurity? Security { get; set; }

        /// <summary>
        /// Plain-text SMTP, for a development mail catcher on this machine only: with a host that is not a loopback
        /// address the setting is refused.
        /// </summary>
        public bool AllowPlainTextOnLoopback { get; set; }

        public string? UserName { get; set; }

        /// <summary>From the environment or a secret store (Mail__Smtp__Password), never from the repository.</summary>
        public string? Password { get; set; }

        /// <summary>
        /// How MailKit connects: STARTTLS required (never "when available", which a man in the middle turns off by
        /// hiding the capability) or implicit TLS; plain text only to a loopback host when allowed. Throws when the
        /// settings ask for plain text anywhere else.
        /// </summary>
        public SecureSocketOptions SocketOptions()
        {
            if (AllowPlainTextOnLoopback)
            {
                return IsLoopback(Host)
                    ? SecureSocketOptions.None
                    : throw new InvalidOperationException(
                        $"Mail:Smtp:AllowPlainTextOnLoopback is set, but Mail:Smtp:Host '{Host}' is not a loopback address: plain-text SMTP is " +
                        "allowed only to this machine. Unset it and use a server that offers STARTTLS or implicit TLS (Mail:Smtp:Security).");
            }

            return (Security ?? (Port == 465 ? SmtpSecurity.Tls : SmtpSecurity.StartTls)) == SmtpSecurity.Tls
                ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
        }

        private static bool IsLoopback(string? host) =>
            string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
            (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}

/// <summary>How the SMTP connection is encrypted.</summary>
public enum SmtpSecurity
{
    /// <summary>Connect in plain text and upgrade with STARTTLS, which the server must offer (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    Tls,
}

/// <summary>
/// Identity's e-mails (confirmation, password reset) and users' notifications, over SMTP or into the development pickup
/// directory. Public because notification handlers take it (Wolverine's generated code lives in the host).
/// </summary>
public sealed class MailSender(
    IOptions<MailSettings> options, IOptions<AppSettings> site, IHostEnvironment environment, ILogger<MailSender> logger) : IEmailSender<User>
{
    private readonly MailSettings _settings = options.Value;

    /// <summary>Whether an address can be mailed: the parser that sends it accepts it (Identity's own check is looser).</summary>
    public static bool CanSendTo(string email) => MailboxAddress.TryParse(email, out _);

    // Identity hands over links already HTML-encoded, ready for an HTML body, and built from the request's Host
    // header: they are moved onto the site's public address (App:PublicBaseUrl) when there is one.
    public Task SendConfirmationLinkAsync(User user, string email, string confirmationLink)
    {
        var link = Public(confirmationLink);
        return SendAsync(email, "Confirm your BlogModular account",
            $"<p>Hello {WebUtility.HtmlEncode(user.DisplayName)},</p><p><a href=\"{link}\">Confirm your account</a>.</p>", link);
    }

    public Task SendPasswordResetLinkAsync(User user, string email, string resetLink)
    {
        var link = Public(resetLink);
        return SendAsync(email, "Reset your BlogModular password", $"<p><a href=\"{link}\">Reset your password</a>.</p>", link);
    }

    /// <summary>Sign-up with an address that has an account answers as usual; the owner hears about it here.</summary>
    public Task SendSignUpAttemptAsync(User user, string email, string loginLink)
    {
        var link = WebUtility.HtmlEncode(site.Value.Rebase(loginLink));
        return SendAsync(email, "Someone tried to sign up with your address",
            $"<p>Hello {WebUtility.HtmlEncode(user.DisplayName)},</p><p>Someone tried to create a BlogModular account with this e-mail " +
            $"address, which already has one. If it was you, <a href=\"{link}\">log in</a> (or reset your password from there); " +
            "otherwise you can ignore this message: nothing was changed.</p>", link);
    }

    public Task SendPasswordResetCodeAsync(User user, string email, string resetCode) =>
        SendAsync(email, "Your BlogModular password reset code",
            $"<p>Your password reset code: <code>{WebUtility.HtmlEncode(resetCode)}</code></p>", null);

    /// <summary>
    /// A notification: its text as written (HTML-encoded, line breaks kept), an absolute link to what it is about, and,
    /// for kinds the user may turn off, where to do that. A send that fails throws, so the caller's transaction rolls back.
    /// </summary>
    public Task SendNotificationAsync(User user, NotifyUser notification)
    {
        var link = notification.LinkPath is { Length: > 0 } path ? site.Value.Link(path) : null;
        var html = new System.Text.StringBuilder()
            .Append("<p>Hello ").Append(WebUtility.HtmlEncode(user.DisplayName)).Append(",</p>")
            .Append("<p>").Append(WebUtility.HtmlEncode(notification.Text).ReplaceLineEndings("<br>")).Append("</p>");
        if (link is not null)
        {
            var href = WebUtility.HtmlEncode(link);
            html.Append("<p><a href=\"").Append(href).Append("\">").Append(href).Append("</a></p>");
        }

        if (notification.Kind == NotificationKind.ReviewDecision)
        {
            var settings = WebUtility.HtmlEncode(site.Value.Link(AccountPages.Settings));
            html.Append("<p><small>You get these e-mails because of your <a href=\"").Append(settings)
                .Append("\">account settings</a>, where you can turn them off.</small></p>");
        }

        // A subject is one header line, whatever the sender wrote.
        return SendAsync(user.Email!, notification.Subject.ReplaceLineEndings(" "), html.ToString(), link is null ? null : WebUtility.HtmlEncode(link));
    }

    private string Public(string htmlEncodedLink) =>
        WebUtility.HtmlEncode(site.Value.Rebase(WebUtility.HtmlDecode(htmlEncodedLink)));

    private async Task SendAsync(string to, string subject, string html, string? link)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("html") { Text = html } };
        message.From.Add(MailboxAddress.Parse(_settings.From));
        message.To.Add(MailboxAddress.Parse(to));

        if (!string.IsNullOrWhiteSpace(_settings.Smtp.Host))
        {
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(_settings.Smtp.Host, _settings.Smtp.Port, _settings.Smtp.SocketOptions());
            if (!string.IsNullOrEmpty(_settings.Smtp.UserName))
            {
                await smtp.AuthenticateAsync(_settings.Smtp.UserName, _settings.Smtp.Password ?? "");
            }

            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(quit: true);
            return;
        }

        var directory = _settings.PickupDirectory
            ?? throw new InvalidOperationException("Mail is not configured: set Mail:Smtp:Host (or Mail:PickupDirectory in development).");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(path);
        // The link carries a token that signs its holder in or resets a password: logs leave the machine, so only
        // Development (where it saves opening the .eml file) writes it there.
        if (environment.IsDevelopment())
        {
            logger.LogInformation("Mail to {To} ({Subject}) written to {Path}; link: {Link}",
                to, subject, path, link is null ? "-" : WebUtility.HtmlDecode(link));
        }
        else
        {
            logger.LogInformation("Mail ({Subject}) written to {Path}", subject, path);
        }
    }
}
