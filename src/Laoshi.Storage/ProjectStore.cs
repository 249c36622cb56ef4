using System.Data.Common;
using System.Globalization;
using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

public sealed partial class ProjectStore
{
    private const string Columns = "p.id, p.name, p.schema_json, p.created_at, (SELECT COUNT(*) FROM items i WHERE i.project_id = p.id)";
    private readonly StoreDatabase _database;
    private readonly ProjectRefCache _resolved = new();

    internal ProjectStore(StoreDatabase database) => _database = database;

    /// <summary>Creates a project; the schema JSON is kept as given (its parsing belongs to Core).</summary>
    public async Task<ProjectInfo> CreateAsync(string name, ProjectSchema schema, string schemaJson, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        CheckName(name);
        if (string.IsNullOrWhiteSpace(schemaJson)) throw new BadInputException("the schema is empty", field: "schema");

        await using var session = await _database.WriteAsync(ct);
        var exists = await session.ScalarAsync<long?>("SELECT id FROM projects WHERE name = @name", ct, ("@name", name));
        if (exists is not null) throw new ConflictException($"a project named '{name}' already exists");
        var row = new ProjectRow { Name = name, SchemaJson = schemaJson, CreatedAt = UnixTime.Now() };
        session.Context.Projects.Add(row);
        try
        {
            await session.Context.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Another process took the name between our check and our insert (PostgreSQL).
            throw new ConflictException($"a project named '{name}' already exists");
        }
        return new ProjectInfo(row.Id, row.Name, row.SchemaJson, UnixTime.ToDate(row.CreatedAt), 0);
    }

    public async Task<Page<ProjectInfo>> ListAsync(int limit = 50, string? cursor = null, CancellationToken ct = default)
    {
        Cursor.CheckLimit(limit);
        var after = Cursor.Decode(cursor);
        await using var session = await _database.ReadAsync(ct);
        await using var command = session.Command($"SELECT {Columns} FROM projects p WHERE p.id > @after ORDER BY p.id LIMIT @take",
            ("@after", after), ("@take", limit + 1));
        var projects = new List<ProjectInfo>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) projects.Add(Read(reader));
        return PageOf(projects, limit, p => p.Id);
    }

    /// <summary>Finds a project by id (all digits) or by name.</summary>
    public Task<ProjectInfo> GetAsync(string nameOrId, CancellationToken ct = default) => FindAsync(nameOrId, Columns, Read, ct);

    /// <summary>
    /// As <see cref="GetAsync"/> without counting the items (<see cref="ProjectInfo.ItemCount"/> is -1): the count is a
    /// scan of the project's items, about 200 ms at a million, which pages that do not show it should not wait for.
    /// </summary>
    public Task<ProjectInfo> GetUncountedAsync(string nameOrId, CancellationToken ct = default) => FindAsync(nameOrId, UncountedColumns, Read, ct);

    private const string UncountedColumns = "p.id, p.name, p.schema_json, p.created_at, CAST(-1 AS BIGINT)";

    /// <summary>Finds a project by id or name like <see cref="GetAsync"/>, without counting its items: for per-item requests.</summary>
    public Task<ProjectRef> ResolveAsync(string nameOrId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        if (_resolved.TryGet(nameOrId, out var known)) return Task.FromResult(known);
        if (_database.IsPostgres) return ResolveFromPostgresAsync(nameOrId, ct);
        // Every items-API request resolves its project: on SQLite, a prepared statement on a pooled connection.
        long? id = long.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var project = _database.SqliteReads.Read(c => SqliteReads.Project(c, id, nameOrId));
        return project is null
            ? Task.FromException<ProjectRef>(new NotFoundException($"project '{nameOrId}'"))
            : Task.FromResult(_resolved.Remember(nameOrId, project));
    }

    private async Task<ProjectRef> ResolveFromPostgresAsync(string nameOrId, CancellationToken ct) =>
        _resolved.Remember(nameOrId,
            await FindAsync(nameOrId, "p.id, p.name, p.schema_json", r => new ProjectRef(r.GetInt64(0), r.GetString(1), r.GetString(2)), ct));

    /// <summary>Forgets resolved projects, after this store changed one.</summary>
    private void ForgetResolved() => _resolved.Clear();

    private async Task<T> FindAsync<T>(string nameOrId, string columns, Func<DbDataReader, T> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        var byId = long.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id);
        await using var session = await _database.ReadAsync(ct);
        await using var command = byId
            ? session.Command($"SELECT {columns} FROM projects p WHERE p.id = @id", ("@id", id))
            : session.Command($"SELECT {columns} FROM projects p WHERE p.name = @name", ("@name", nameOrId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new NotFoundException($"project '{nameOrId}'");
        return read(reader);
    }

    internal static Page<T> PageOf<T>(List<T> rows, int limit, Func<T, long> id)
    {
        if (rows.Count <= limit) return new Page<T>(rows, null);
        rows.RemoveAt(rows.Count - 1);
        return new Page<T>(rows, Cursor.Encode(id(rows[^1])));
    }

    private static ProjectInfo Read(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), UnixTime.ToDate(reader.GetInt64(3)), reader.GetInt64(4));

    /// <summary>Names appear in URLs and CLI arguments; an all-digit name would be mistaken for an id.</summary>
    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new BadInputException("the project name is empty", field: "name");
        if (name.Length > 100) throw new BadInputException("the project name is longer than 100 characters", field: "name");
        if (name.All(char.IsAsciiDigit)) throw new BadInputException($"the project name '{name}' is all digits; it would read as an id", field: "name");
        var bad = name.FirstOrDefault(c => !(char.IsLetterOrDigit(c) || c is '-' or '_' or '.'));
        if (bad != default) throw new BadInputException($"the project name '{name}' contains '{bad}'; use letters, digits, '-', '_' and '.'", field: "name");
    }
}
