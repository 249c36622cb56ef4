namespace Laoshi.Formats;

/// <summary>The readers and writers that ship with Laoshi.</summary>
public static class BuiltInFormats
{
    public static IEnumerable<IImportReader> Readers() => Create<IImportReader>();

    public static IEnumerable<IExportWriter> Writers() => Create<IExportWriter>();

    private static IEnumerable<T> Create<T>() =>
        typeof(BuiltInFormats).Assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (T)Activator.CreateInstance(t)!);
}
