using Laoshi.Core.Errors;

namespace Laoshi.Core.Schema;

internal static class InputErrorFiles
{
    /// <summary>The same errors, naming the file they were found in, so a user with several files knows which to open.</summary>
    public static BadInputException InFile(this BadInputException exception, string file) =>
        new([.. exception.Errors.Select(e => e with { File = file })]);
}
