namespace BlogModular.BuildingBlocks.UseCases;

/// <summary>
/// What a use case answers: its value, or the <see cref="UseCaseProblem"/> that stopped it. HTTP endpoints and
/// pages turn it into a response or a message (<see cref="UseCaseHttp"/>, <see cref="UseCaseProblem.ToMessage"/>).
/// </summary>
public sealed class UseCaseResult<T>
{
    private readonly T? _value;

    private UseCaseResult(T? value, UseCaseProblem? problem)
    {
        _value = value;
        Problem = problem;
    }

    public UseCaseProblem? Problem { get; }

    public bool Succeeded => Problem is null;

    public T Value => Problem is null ? _value! : throw new InvalidOperationException($"The use case did not succeed: {Problem.ToMessage()}");

    public static implicit operator UseCaseResult<T>(T value) => new(value, null);

    public static implicit operator UseCaseResult<T>(UseCaseProblem problem) => new(default, problem);

    public override string ToString() => Problem is null ? $"Succeeded: {_value}" : Problem.ToString();
}

/// <summary>Why a use case did nothing. Each kind has one HTTP status (<see cref="UseCaseHttp"/>).</summary>
public abstract record UseCaseProblem
{
    private UseCaseProblem()
    {
    }

    /// <summary>The command's content is wrong: messages by field, as collected by <c>Validation</c>.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : UseCaseProblem;

    /// <summary>What the command names does not exist (or is not the actor's to see).</summary>
    public sealed record NotFound(string Detail) : UseCaseProblem;

    /// <summary>The thing named exists, but the actor may not do this to it.</summary>
    public sealed record Forbidden(string Detail) : UseCaseProblem;

    /// <summary>
    /// The command was written against a version of the thing that is no longer current (an If-Match that no longer
    /// matches); extensions say what is current.
    /// </summary>
    public sealed record Stale(string Detail, IReadOnlyDictionary<string, object?>? Extensions = null) : UseCaseProblem;

    /// <summary>The command is valid but the state it meets does not allow it; extensions say what that state is.</summary>
    public sealed record Conflict(string Title, string Detail, IReadOnlyDictionary<string, object?>? Extensions = null) : UseCaseProblem;

    /// <summary>The command is well formed but contradicts an earlier one (e.g. a reused idempotency key).</summary>
    public sealed record Unprocessable(string Title, string Detail) : UseCaseProblem;

    /// <summary>One line a page can show.</summary>
    public string ToMessage() => this switch
    {
        Invalid invalid => string.Join(" ", invalid.Errors.SelectMany(e => e.Value)),
        NotFound notFound => notFound.Detail,
        Forbidden forbidden => forbidden.Detail,
        Stale stale => stale.Detail,
        Conflict conflict => conflict.Detail,
        Unprocessable unprocessable => unprocessable.Detail,
        _ => throw new InvalidOperationException($"Unknown problem {GetType().Name}."),
    };
}
