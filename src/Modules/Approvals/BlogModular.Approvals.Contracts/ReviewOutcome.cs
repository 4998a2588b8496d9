using System.Text.Json.Serialization;

namespace BlogModular.Approvals.Contracts;

/// <summary>Serialized by name ("Approved" / "Rejected"), never by number, so reordering members is safe.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewOutcome>))]
public enum ReviewOutcome
{
    Approved = 1,
    Rejected = 2,
}
