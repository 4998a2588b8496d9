using BlogModular.Accounts.Mail;
using MailKit.Security;

namespace BlogModular.EndToEnd.Tests;

/// <summary>How the SMTP connection is secured, decided from the settings alone.</summary>
public sealed class MailTransportTests
{
    [Theory]
    [InlineData("smtp.example.com", 587, null, SecureSocketOptions.StartTls)]
    [InlineData("smtp.example.com", 465, null, SecureSocketOptions.SslOnConnect)]
    [InlineData("smtp.example.com", 2525, SmtpSecurity.Tls, SecureSocketOptions.SslOnConnect)]
    [InlineData("smtp.example.com", 465, SmtpSecurity.StartTls, SecureSocketOptions.StartTls)]
    [InlineData("127.0.0.1", 25, null, SecureSocketOptions.StartTls)]
    public void Smtp_requires_starttls_or_implicit_tls(string host, int port, SmtpSecurity? security, SecureSocketOptions expected) =>
        new MailSettings.SmtpSettings { Host = host, Port = port, Security = security }.SocketOptions().ShouldBe(expected);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void Plain_text_only_when_allowed_and_the_server_is_this_machine(string host) =>
        new MailSettings.SmtpSettings { Host = host, Port = 1025, AllowPlainTextOnLoopback = true }.SocketOptions().ShouldBe(SecureSocketOptions.None);

    [Theory]
    [InlineData("mailpit")]
    [InlineData("10.0.0.5")]
    [InlineData("smtp.example.com")]
    public void Plain_text_to_another_machine_is_refused_with_the_reason(string host)
    {
        var smtp = new MailSettings.SmtpSettings { Host = host, Port = 1025, AllowPlainTextOnLoopback = true };

        Should.Throw<InvalidOperationException>(() => smtp.SocketOptions()).Message.ShouldContain("not a loopback address");
    }
}
