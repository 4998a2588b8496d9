using BlogModular.BuildingBlocks.Messaging;
using BlogModular.Approvals.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlogModular.Approvals.Features.Reviews;

/// <summary>The review's clocks (section <c>Approvals:Review</c>), checked at start: both must be positive.</summary>
public sealed class ReviewSettings
{
    public const string Section = "Approvals:Review";

    /// <summary>How long a review may stay In Progress with one assignee before they are e-mailed a reminder.</summary>
    public TimeSpan RemindAfter { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How long a request may wait To Do before the board and the API flag it overdue.</summary>
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the reminder sweep looks for due reminders: a quarter of <see cref="RemindAfter"/>, 1 s to 1 min.</summary>
    public TimeSpan SweepEvery => TimeSpan.FromTicks(Math.Clamp(RemindAfter.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    public bool IsOverdue(ApprovalRequest request, DateTimeOffset now) => request.IsOverdue(now, OverdueAfter);

    internal static void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddOptions<ReviewSettings>()
            .Bind(configuration.GetSection(Section))
            .Validate(s => s.RemindAfter > TimeSpan.Zero, $"{Section}:{nameof(RemindAfter)} must be a positive duration.")
            .Validate(s => s.OverdueAfter > TimeSpan.Zero, $"{Section}:{nameof(OverdueAfter)} must be a positive duration.")
            .ValidateOnStart()
            .Services.AddSweep<RemindReviewers, ReviewSettings>(settings => settings.SweepEvery);
}
