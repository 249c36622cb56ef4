namespace Laoshi.Storage;

/// <summary>
/// The WHERE conditions of a list query and their parameters, built together. An optional filter whose value is null
/// is left out of the SQL rather than written as "@x IS NULL OR ...", because PostgreSQL cannot type a parameter that
/// is only ever null.
/// </summary>
internal sealed class SqlConditions
{
    private readonly List<string> _conditions = [];
    private readonly List<(string Name, object? Value)> _parameters = [];

    /// <summary>A condition that always applies; its parameter, if any, comes with <see cref="Parameter"/>.</summary>
    public SqlConditions Add(string condition)
    {
        _conditions.Add(condition);
        return this;
    }

    /// <summary>A condition with its one parameter, left out when <paramref name="value"/> is null.</summary>
    public SqlConditions AddIf(string condition, string name, object? value)
    {
        if (value is null) return this;
        _conditions.Add(condition);
        _parameters.Add((name, value));
        return this;
    }

    /// <summary>A parameter the query uses outside the conditions (a page size, say).</summary>
    public SqlConditions Parameter(string name, object? value)
    {
        _parameters.Add((name, value));
        return this;
    }

    /// <summary>"WHERE a AND b", or nothing when there is no condition.</summary>
    public string Where => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions);

    public (string Name, object? Value)[] Parameters => [.. _parameters];
}
