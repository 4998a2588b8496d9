using System.Text.Json.Serialization;

namespace BlogModular.Blogging.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<TimelineStep>))]
public enum TimelineStep
{
    Submitted = 1,
    ReceivedForReview = 2,
    InReview = 3,
    Approved = 4,
    Rejected = 5,

    /// <summary>The author submitted a new revision (revision 2 and later).</summary>
    Revised = 6,
}

/// <summary>One step of a post's way through review, as Blogging learned of it, for one of its revisions.</summary>
public sealed record TimelineEntry(TimelineStep Step, DateTimeOffset At, string? Reason = null, int Revision = 1);
