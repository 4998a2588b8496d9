using BlogModular.BuildingBlocks.UseCases;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace BlogModular.BuildingBlocks.Web;

/// <summary>
/// Collects field errors, for a use case (<see cref="ToProblem"/>) or a Wolverine <c>Validate</c> step of an
/// endpoint (<see cref="ToProblemDetails"/>: a 400 <see cref="HttpValidationProblemDetails"/>, or "no problems").
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>A JSON body of <c>null</c> binds to a null command; it is a client error, not a crash.</summary>
    public static ProblemDetails BodyRequired() =>
        new Validation().Add("body", "A JSON object body is required.").ToProblemDetails();

    /// <summary>Checks the trimmed length of a required text field.</summary>
    public Validation Text(string field, string? value, int max, int min = 1)
    {
        var length = value?.Trim().Length ?? 0;
        if (value is null || length < min)
        {
            return Add(field, $"'{field}' is required.");
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL text cannot hold U+0000.
            return Add(field, $"'{field}' must not contain NUL characters.");
        }

        return length > max ? Add(field, $"'{field}' must be at most {max} characters.") : this;
    }

    public Validation Limit(int? limit, int max)
    {
        return limit is < 1 || limit > max ? Add("limit", $"'limit' must be between 1 and {max}.") : this;
    }

    public Validation Cursor(string? after, out KeysetCursor? cursor)
    {
        cursor = null;
        if (after is null)
        {
            return this;
        }

        if (KeysetCursor.TryDecode(after, out var decoded))
        {
            cursor = decoded;
            return this;
        }

        return Add("after", "'after' is not a cursor returned by this API.");
    }

    public Validation Add(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    public ProblemDetails ToProblemDetails() => _errors.Count == 0 ? WolverineContinue.NoProblems : InvalidFields(_errors);

    /// <summary>The use case's answer: null when every field is valid.</summary>
    public UseCaseProblem.Invalid? ToProblem() =>
        _errors.Count == 0 ? null : new UseCaseProblem.Invalid(new Dictionary<string, string[]>(_errors, StringComparer.Ordinal));

    public static HttpValidationProblemDetails InvalidFields(IEnumerable<KeyValuePair<string, string[]>> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "One or more fields are invalid",
    };
}
