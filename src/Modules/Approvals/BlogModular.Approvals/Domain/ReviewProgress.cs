using System.Text.Json.Serialization;

namespace BlogModular.Approvals.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ReviewProgress>))]
public enum ReviewProgress
{
    ToDo = 1,
    InProgress = 2,
    Done = 3,
}
