namespace Laoshi.Core.Errors;

/// <summary>Base of the errors that reach a user as a clear message (CLI exit code, HTTP problem details).</summary>
public abstract class LaoshiException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status that best describes the error.</summary>
    public abstract int StatusCode { get; }
}

/// <summary>The input was wrong; the errors say what and where. Nothing was written.</summary>
public sealed class BadInputException : LaoshiException
{
    public BadInputException(IReadOnlyList<InputError> errors)
        : base(Summarise(errors)) => Errors = errors;

    public BadInputException(InputError error) : this([error]) { }

    public BadInputException(string message, string? file = null, long? line = null, string? path = null, string? field = null)
        : this(new InputError(message, file, line, path, field)) { }

    public IReadOnlyList<InputError> Errors { get; }

    public override int StatusCode => 400;

    private static string Summarise(IReadOnlyList<InputError> errors) => errors.Count switch
    {
        0 => "invalid input",
        1 => errors[0].ToString(),
        _ => $"{errors.Count} errors; first: {errors[0]}",
    };
}

public sealed class NotFoundException(string what) : LaoshiException($"{what} not found")
{
    public override int StatusCode => 404;
}

public sealed class ConflictException(string message) : LaoshiException(message)
{
    public override int StatusCode => 409;
}
