using BlogModular.Accounts.Contracts;
using BlogModular.Accounts.Domain;
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

        public string? UserName { get; set; }

        /// <summary>From the environment or a secret store (Mail__Smtp__Password), never from the repository.</summary>
        public string? Password { get; set; }
    }
}

/// <summary>
/// Identity's e-mails (confirmation, password reset) and users' notifications, over SMTP or into the development pickup
/// directory. Public because notification handlers take it (Wolverine's generated code lives in the host).
/// </summary>
public sealed class MailSender(IOptions<MailSettings> options, IOptions<PublicSiteSettings> site, ILogger<MailSender> logger) : IEmailSender<User>
{
    private readonly MailSettings _settings = options.Value;

    /// <summary>Whether an address can be mailed: the parser that sends it accepts it (Identity's own check is looser).</summary>
    public static bool CanSendTo(string email) => MailboxAddress.TryParse(email, out _);

    // Identity hands over links already HTML-encoded, ready for an HTML body.
    public Task SendConfirmationLinkAsync(User user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your BlogModular account",
            $"<p>Hello {WebUtility.HtmlEncode(user.DisplayName)},</p><p><a href=\"{confirmationLink}\">Confirm your account</a>.</p>",
            confirmationLink);

    public Task SendPasswordResetLinkAsync(User user, string email, string resetLink) =>
        SendAsync(email, "Reset your BlogModular password", $"<p><a href=\"{resetLink}\">Reset your password</a>.</p>", resetLink);

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

    private async Task SendAsync(string to, string subject, string html, string? link)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("html") { Text = html } };
        message.From.Add(MailboxAddress.Parse(_settings.From));
        message.To.Add(MailboxAddress.Parse(to));

        if (!string.IsNullOrWhiteSpace(_settings.Smtp.Host))
        {
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(_settings.Smtp.Host, _settings.Smtp.Port, SecureSocketOptions.StartTlsWhenAvailable);
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
        logger.LogInformation("Mail to {To} ({Subject}) written to {Path}; link: {Link}",
            to, subject, path, link is null ? "-" : WebUtility.HtmlDecode(link));
    }
}
