using System.Text.Json.Serialization;

namespace BlogModular.Approvals.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ReviewProgress>))]
public enum ReviewProgress
{
    ToDo = 1,
    InProgress = 2,
    Done = 3,

    /// <summary>The author submitted a newer revision before this one was decided: nothing more can happen to it.</summary>
    Superseded = 4,
}
