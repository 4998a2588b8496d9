using System.Text.Json.Serialization;

namespace BlogModular.Blogging.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<PostStatus>))]
public enum PostStatus
{
    Submitted = 1,
    Published = 2,
    Rejected = 3,
}
